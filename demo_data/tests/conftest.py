"""Small generated datasets shared by the tests (generated once per test session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from demo_data import TABLES, Config, generate

SMALL = {"customers": 200, "prospects": 100, "months": 3, "end_date": dt.date(2026, 9, 30), "seed": 7}


def connect(out: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per raw table, read the way the dbt sources read it."""
    con = duckdb.connect()
    for table in TABLES:
        con.execute(f"create view {table} as select * from read_parquet('{out / table}/*.parquet')")
    return con


@pytest.fixture(scope="session")
def small_run(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """200 customers x 3 months, in chunks of 70 customers (so several part files per table)."""
    out = tmp_path_factory.mktemp("small")
    counts = generate(Config(out=out, chunk_size=70, quiet=True, **SMALL))
    return out, counts


@pytest.fixture(scope="session")
def small(small_run) -> duckdb.DuckDBPyConnection:
    return connect(small_run[0])


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """The demo size of the Makefile (3000 customers x 24 months, default arguments)."""
    out = tmp_path_factory.mktemp("demo")
    generate(Config(out=out, quiet=True))
    return connect(out)
