"""A DuckDB database opened read-only for the tools that read one (publish, explain, summary): every reason
it cannot be read becomes one line naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

import duckdb

# A DuckDB database file holds these bytes at offset 8 (its main header). DuckDB would otherwise open a
# Parquet or text file as something else, or fail deep inside a query.
DUCKDB_MAGIC = b"DUCK"
MAGIC_OFFSET = 8


class DatabaseError(Exception):
    """A database a tool cannot read; the message is the one line that says why."""


class DatabaseLocked(DatabaseError):
    """Another process (a running dbt build) holds the database's write lock."""


def first_line(error: BaseException) -> str:
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _is_duckdb_file(path: Path) -> bool:
    with path.open("rb") as file:
        file.seek(MAGIC_OFFSET)
        return file.read(len(DUCKDB_MAGIC)) == DUCKDB_MAGIC


def connect_read_only(path: Path, what: str = "database") -> duckdb.DuckDBPyConnection:
    """A read-only connection to the DuckDB database at `path` (`what` names it in the messages)."""
    if not path.exists():
        raise DatabaseError(f"no {what} at {path}")
    try:
        is_duckdb_file = path.is_file() and _is_duckdb_file(path)
    except OSError as error:
        raise DatabaseError(f"cannot read the {what} {path}: {first_line(error)}") from None
    if not is_duckdb_file:
        raise DatabaseError(f"the {what} {path} is not a DuckDB database file")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as error:
        if "lock" in str(error).lower():
            raise DatabaseLocked(f"the {what} {path} is locked by another process") from None
        raise DatabaseError(f"cannot open the {what} {path}: {first_line(error)}") from None
