"""Deterministic Parquet output: ``<out>/<table>/part-NNNNN.parquet`` with fixed writer options."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .contract import CONTRACT, TABLES, schema

# Fixed options: same inputs -> byte-identical files (no timestamps are written by pyarrow). Dictionary
# encoding is used for string columns only; decimals of precision <= 18 are stored as INT32/INT64 (a standard
# Parquet DECIMAL annotation that DuckDB, Spark and pyarrow read back as decimal(p, s)).
WRITE_OPTIONS = {
    "version": "2.6",
    "compression": "zstd",
    "compression_level": 1,
    "write_statistics": True,
    "data_page_version": "1.0",
    "store_schema": True,
    "store_decimal_as_integer": True,
}
ROW_GROUP_SIZE = 1_048_576


def part_path(out: Path, table: str, part: int) -> Path:
    return Path(out) / table / f"part-{part:05d}.parquet"


def prepare_output(out: Path) -> None:
    """Create one folder per raw table and delete stale ``part-*.parquet`` files from earlier runs."""
    out = Path(out)
    for table in TABLES:
        folder = out / table
        folder.mkdir(parents=True, exist_ok=True)
        for stale in sorted(folder.glob("part-*.parquet")):
            stale.unlink()


def to_table(table: str, columns: dict[str, pa.Array]) -> pa.Table:
    """Assemble a table in contract order and check every column's type."""
    expected = CONTRACT[table]["columns"]
    if set(columns) != set(expected):
        raise ValueError(f"{table}: columns {sorted(columns)} != contract {sorted(expected)}")
    arrays = []
    for name, typ in expected.items():
        arr = columns[name]
        if arr.type != typ:
            raise TypeError(f"{table}.{name}: {arr.type} != {typ}")
        arrays.append(arr)
    return pa.Table.from_arrays(arrays, schema=schema(table))


class PartWriter:
    """One Parquet part file of one table, written in one or more batches (row groups)."""

    def __init__(self, out: Path, table: str, part: int):
        self.table = table
        self.path = part_path(out, table, part)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        sch = schema(table)
        strings = [f.name for f in sch if pa.types.is_string(f.type)]
        self._writer = pq.ParquetWriter(str(self.path), sch, use_dictionary=strings, **WRITE_OPTIONS)
        self.rows = 0

    def write(self, columns: dict[str, pa.Array] | pa.Table) -> None:
        tbl = columns if isinstance(columns, pa.Table) else to_table(self.table, columns)
        if tbl.num_rows:
            self._writer.write_table(tbl, row_group_size=ROW_GROUP_SIZE)
            self.rows += tbl.num_rows

    def close(self) -> int:
        self._writer.close()
        return self.rows

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def write_part(out: Path, table: str, part: int, columns: dict[str, pa.Array]) -> int:
    with PartWriter(out, table, part) as w:
        w.write(columns)
    return w.rows
