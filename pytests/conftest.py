"""Fixtures for tests that read the warehouse built by `make dbt-test` (DUCKDB_PATH) from the raw data in
RAW_DATA_DIR. `make test` builds both before pytest runs."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest


@pytest.fixture(scope="session")
def warehouse_path() -> Path:
    path = Path(os.environ.get("DUCKDB_PATH", "warehouse/test.duckdb"))
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run `make dbt-test` (or `make test`) first")
    return path


@pytest.fixture(scope="session")
def raw_data_dir() -> Path:
    path = Path(os.environ.get("RAW_DATA_DIR", "data/test"))
    if not (path / "customers").is_dir():
        pytest.fail(f"no raw data at {path}: run `make data-test` (or `make test`) first")
    return path


@pytest.fixture(scope="session")
def warehouse(warehouse_path: Path):
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        yield connection
