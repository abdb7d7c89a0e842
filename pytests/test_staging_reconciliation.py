"""Raw = accepted + rejected, checked from outside dbt: raw rows are counted straight from the Parquet files
and compared with the staging views and the quarantine of the built warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from demo_data.contract import TABLES

RAW_TABLES = sorted(TABLES)


def _raw_count(raw_data_dir: Path, table: str) -> int:
    pattern = str(raw_data_dir / table / "*.parquet")
    return duckdb.execute(f"select count(*) from read_parquet('{pattern}')").fetchall()[0][0]


@pytest.mark.parametrize("table", RAW_TABLES)
def test_every_raw_row_is_accepted_or_quarantined(warehouse, raw_data_dir: Path, table: str) -> None:
    accepted = warehouse.execute(f"select count(*) from staging.stg_bank__{table}").fetchall()[0][0]
    rejected = warehouse.execute(
        "select count(*) from staging.stg_bank__rejections where source_table = ?", [table]
    ).fetchall()[0][0]
    assert accepted + rejected == _raw_count(raw_data_dir, table)


def test_clean_generated_data_has_an_empty_quarantine(warehouse) -> None:
    reasons = warehouse.sql(
        "select source_table, reason_code, count(*) from staging.stg_bank__rejections group by all"
    ).fetchall()
    assert reasons == []


def test_every_staging_model_exists_for_every_raw_table(warehouse) -> None:
    views = {
        row[0]
        for row in warehouse.sql(
            "select table_name from information_schema.tables where table_schema = 'staging'"
        ).fetchall()
    }
    missing = {f"stg_bank__{table}" for table in RAW_TABLES} - views
    assert not missing
