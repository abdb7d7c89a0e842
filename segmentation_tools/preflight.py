"""Preflight check of a raw data directory, run before dbt (DECISIONLOG Q-002).

Whole-file faults would otherwise stop `dbt build` half-way with a long database error (or, worse, read
wrong): this checks every raw table of the contract (SPEC 3; the dbt sources YAML, read by
`segmentation_tools.raw_contract`) with DuckDB, the engine the build reads with, and prints one line per
problem, e.g.

    preflight: loans: missing column interest_rate

then exits with code 2 (no stack trace). The raw data directory's path must not hold quote or glob
characters (' [ ] * ? { }): the build reads `<raw_data_dir>/<table>/*.parquet` as a pattern.
Checked per table:
  1. the folder `<raw_data_dir>/<table>/` exists and holds at least one `*.parquet` file, and no subfolder
     (the build reads only the part files directly in the folder: a `month=2026-09/` partition would be
     dropped); every other file is read or refused by name (DECISIONLOG Q-008): a name ending in `.parquet`
     is read, one starting with `_` or `.` is a Spark/Hadoop marker and ignored (`_SUCCESS`, `.crc`), any
     other (`part-1.PARQUET`, `.csv`, a Hive-style name without extension) is refused with the fix;
  2. every part file is a readable Parquet file, read in full (footer and every column's data pages);
  3. every contract column is present (extra columns are allowed and ignored);
  4. every column's type is in the family its contract type allows: text columns VARCHAR; numeric
     columns any numeric type or VARCHAR; dates DATE, TIMESTAMP (without time zone: a time zone would shift
     the date to the session's; every value at midnight: a UTC timestamp of a Beijing date is 16:00 the day
     before, and the build would cut it to that day) or VARCHAR; booleans BOOLEAN or VARCHAR. Numbers, dates
     and booleans arriving as text are cast row by row in staging, and a value that does not cast is
     quarantined as INVALID_VALUE (or flagged, for party attributes);
  5. all part files of a table agree on each column's type (DuckDB reads a folder with the first file's
     types: a DOUBLE part behind a DECIMAL(18, 2) one would be rounded silently, a DECIMAL(38, 2) one with a
     larger value would fail mid-build; DECISIONLOG Q-007);
  6. the table holds rows, unless the contract marks it `may_be_empty` (no prospects, no fees, ...).

Usage: python -m segmentation_tools.preflight --raw-data-dir DIR
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from segmentation_tools.raw_contract import CONTRACT, TABLES, family

EXIT_PROBLEMS = 2
PARQUET_SUFFIX = ".parquet"
MARKER_PREFIXES = (
    "_",
    ".",
)  # Spark/Hadoop markers and checksums: _SUCCESS, _committed_*, .part-0.parquet.crc
PATH_CHARACTERS_REFUSED = "'[]*?{}"  # quote and glob characters of the build's read_parquet pattern

NUMERIC_TYPES = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT",
    "UHUGEINT", "FLOAT", "DOUBLE", "REAL",
}  # fmt: skip
# family of a contract column -> families of raw column types staging can take
ALLOWED = {
    "text": {"text"},
    "number": {"number", "text"},
    "date": {"date", "text"},
    "boolean": {"boolean", "text"},
}
EXPECTED_TEXT = {
    "text": "text (VARCHAR)",
    "number": "a number (DECIMAL, INTEGER, DOUBLE, ... or VARCHAR)",
    "date": "a date (DATE, TIMESTAMP or VARCHAR)",
    "boolean": "a boolean (BOOLEAN or VARCHAR)",
}


def raw_family(duckdb_type: str) -> str:
    """The family of a column type as DuckDB reads it; unknown types are their own family."""
    name = duckdb_type.upper()
    if name == "VARCHAR" or name.startswith("VARCHAR("):
        return "text"
    if name in NUMERIC_TYPES or name.startswith("DECIMAL"):
        return "number"
    if name == "DATE" or (name.startswith("TIMESTAMP") and "TIME ZONE" not in name and name != "TIMESTAMPTZ"):
        return "date"
    if name == "BOOLEAN":
        return "boolean"
    return name


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _first_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    files: int = 0
    rows: int = 0
    ignored: list[str] = field(default_factory=list)  # marker files (_SUCCESS, .crc), as table/name

    def add(self, table: str, text: str) -> None:
        self.problems.append(f"preflight: {table}: {text}")


@dataclass
class PartFile:
    types: dict[str, str]  # column -> type as DuckDB reads it
    rows: int
    timed: dict[str, int]  # TIMESTAMP column -> rows with a time of day other than midnight


def _is_timestamp(duckdb_type: str) -> bool:
    return duckdb_type.upper().startswith("TIMESTAMP") and raw_family(duckdb_type) == "date"


def _read_file(connection: duckdb.DuckDBPyConnection, path: Path) -> PartFile:
    """A part file's column types, its row count after decoding every column, and per TIMESTAMP column the
    rows that are not at midnight."""
    described = connection.execute(f"describe select * from read_parquet({_literal(path)})").fetchall()
    types = {row[0]: row[1] for row in described}
    timestamps = [name for name, typ in types.items() if _is_timestamp(typ)]
    # hashing every value makes DuckDB decode every data page (count(*) or max() can answer from metadata)
    probes = [f'sum(hash("{name}"))' for name in types] + [
        f"count(*) filter (where cast(\"{name}\" as time) <> time '00:00:00')" for name in timestamps
    ]
    connection.execute(f"select {', '.join(['count(*)', *probes])} from read_parquet({_literal(path)})")
    counts = connection.fetchone()
    timed = dict(zip(timestamps, counts[1 + len(types) :], strict=True))
    return PartFile(types, counts[0], {name: count for name, count in timed.items() if count})


def refused_file(path: Path) -> str | None:
    """Why the build would not read a file of a table folder (the fix included), or None when it reads it or
    it is a marker file; the build's macro validate_build_inputs applies the same rule to file names."""
    name = path.name
    if name.endswith(PARQUET_SUFFIX) or name.startswith(MARKER_PREFIXES):
        return None
    if name.lower().endswith(PARQUET_SUFFIX):
        return (
            f"{name} is not read: only names ending in lower-case .parquet are; rename it {path.stem}.parquet"
        )
    try:
        with open(path, "rb") as handle:
            is_parquet = handle.read(4) == b"PAR1"
    except OSError:
        is_parquet = False
    if is_parquet:
        return f"{name} is a Parquet file without the .parquet extension, not read: rename it {name}.parquet"
    return f"{name} is not read: only Parquet files named *.parquet are; convert it to Parquet or move it out"


def check_path(raw_dir: Path) -> str | None:
    refused = sorted({character for character in str(raw_dir) if character in PATH_CHARACTERS_REFUSED})
    if not refused:
        return None
    return (
        f"preflight: raw data directory {raw_dir}: its path holds {' '.join(refused)}, which the build's "
        "file pattern <dir>/<table>/*.parquet cannot take (quote or glob characters); move the extract, or "
        "link it (ln -s) to a path without them"
    )


def check_table(connection: duckdb.DuckDBPyConnection, raw_dir: Path, table: str, report: Report) -> None:
    folder = raw_dir / table
    if not folder.is_dir():
        report.add(table, f"missing table folder {folder}")
        return
    entries = sorted(folder.iterdir())
    for subfolder in (path.name for path in entries if path.is_dir()):
        report.add(
            table,
            f"{subfolder}/ is a folder: only the Parquet files directly in {folder} are read "
            "(move its part files up, one folder per table)",
        )
    files = [path for path in entries if not path.is_dir()]
    for path in files:
        reason = refused_file(path)
        if reason:
            report.add(table, reason)
        elif not path.name.endswith(PARQUET_SUFFIX):
            report.ignored.append(f"{table}/{path.name}")
    parts = [path for path in files if path.name.endswith(PARQUET_SUFFIX)]
    if not parts:
        report.add(table, f"no Parquet files in {folder}")
        return
    readable: dict[str, dict[str, str]] = {}
    timed: dict[str, dict[str, int]] = {}  # column -> part file -> rows not at midnight
    table_rows = 0
    for path in parts:
        report.files += 1
        try:
            part = _read_file(connection, path)
        except duckdb.Error as exc:
            report.add(
                table,
                f"{path.name} is not a readable Parquet file (truncated or corrupt: {_first_line(exc)})",
            )
            continue
        readable[path.name] = part.types
        table_rows += part.rows
        for column, count in part.timed.items():
            timed.setdefault(column, {})[path.name] = count
    report.rows += table_rows
    if not readable:
        return
    if table_rows == 0 and not CONTRACT[table].may_be_empty and len(readable) == len(parts):
        report.add(table, f"no rows in {folder}: the table must not be empty (its part files hold no row)")

    for column, contract_type in CONTRACT[table].columns.items():
        wanted = family(contract_type)
        missing_in = [name for name, types in readable.items() if column not in types]
        if missing_in:
            where = "" if len(missing_in) == len(readable) else " in " + ", ".join(missing_in)
            report.add(table, f"missing column {column}{where}")
            continue
        found = {name: types[column] for name, types in readable.items()}
        wrong = {name: typ for name, typ in found.items() if raw_family(typ) not in ALLOWED[wanted]}
        if wrong:
            shown = sorted(set(wrong.values()))
            where = "" if len(wrong) == len(found) else " in " + ", ".join(sorted(wrong))
            report.add(
                table, f"column {column} is {', '.join(shown)}{where}, expected {EXPECTED_TEXT[wanted]}"
            )
            continue
        if wanted == "date" and column in timed:
            count, where = sum(timed[column].values()), ", ".join(sorted(timed[column]))
            rows = f"{count:,} row{'s' * (count != 1)}"
            report.add(
                table,
                f"column {column} is a TIMESTAMP with a time of day on {rows} (in {where}), "
                "expected dates at midnight: the build would cut the time off (export the date in the bank's "
                "time zone)",
            )
            continue
        if len(set(found.values())) > 1:
            by_type: dict[str, str] = {}
            for name, typ in sorted(found.items()):
                by_type.setdefault(typ, name)
            shown = ", ".join(f"{typ} in {name}" for typ, name in by_type.items())
            report.add(table, f"column {column} has different types across part files ({shown})")


def check(raw_dir: Path) -> Report:
    report = Report()
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        what = "is a file, not a folder" if raw_dir.exists() else "does not exist"
        report.problems.append(f"preflight: raw data directory {raw_dir} {what}")
        return report
    path_problem = check_path(raw_dir)
    if path_problem:
        report.problems.append(path_problem)
        return report
    if not any((raw_dir / table).is_dir() for table in TABLES):
        nested = sorted(path.parent for path in raw_dir.glob("*/customers") if path.is_dir())
        hint = f"; the tables are in {nested[0]}: pass that" if nested else ""
        report.problems.append(
            f"preflight: raw data directory {raw_dir} holds no table folder (empty, or not the top folder of "
            f"the extract){hint}"
        )
        return report
    with duckdb.connect() as connection:
        connection.execute("set enable_progress_bar = false")
        for table in TABLES:
            check_table(connection, raw_dir, table, report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m segmentation_tools.preflight",
        description="Check a raw data directory against the raw contract before dbt runs (exit 2 on "
        "problems).",
    )
    parser.add_argument(
        "--raw-data-dir", type=Path, required=True, help="one folder of Parquet files per table"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        report = check(args.raw_data_dir)
    except Exception as exc:  # never a stack trace: the run stops with one line
        print(f"preflight: {args.raw_data_dir}: unexpected error: {_first_line(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    if report.problems:
        for line in report.problems:
            print(line, file=sys.stderr)
        return EXIT_PROBLEMS
    ignored = (
        f", {len(report.ignored)} marker files ignored ({', '.join(report.ignored[:3])})"
        if report.ignored
        else ""
    )
    print(
        f"preflight: OK {args.raw_data_dir}: {len(TABLES)} tables, {report.files} files, "
        f"{report.rows:,} rows{ignored} in {time.perf_counter() - started:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
