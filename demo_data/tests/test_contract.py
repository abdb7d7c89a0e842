"""Every raw table exists with exactly the contract's columns, order and Arrow types; keys are unique."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from demo_data import CONTRACT, TABLES, schema


def test_contract_is_complete():
    assert set(TABLES) == {
        "customers", "customer_tags", "strategic_list", "loans", "loan_balances", "deposit_accounts",
        "deposit_balances", "account_activity", "fees", "cost_pools", "ftp_curve", "fx_rates", "prospects",
    }  # fmt: skip
    for table, spec in CONTRACT.items():
        assert set(spec["primary_key"]) <= set(spec["columns"]), table
        assert set(spec["nullable"]) <= set(spec["columns"]), table
        assert not set(spec["primary_key"]) & set(spec["nullable"]), table


@pytest.mark.parametrize("table", TABLES)
def test_parts_match_contract(small_run, table):
    out, counts = small_run
    parts = sorted((out / table).glob("*.parquet"))
    assert parts, f"{table}: no part files"
    assert [p.name for p in parts] == [f"part-{i:05d}.parquet" for i in range(len(parts))]
    rows = 0
    for part in parts:
        file_schema = pq.read_schema(part)
        assert file_schema.names == list(CONTRACT[table]["columns"]), part
        assert file_schema.types == list(CONTRACT[table]["columns"].values()), part
        assert file_schema.remove_metadata().equals(schema(table)), part
        rows += pq.ParquetFile(part).metadata.num_rows
    assert rows == counts[table]


@pytest.mark.parametrize("table", TABLES)
def test_primary_keys_unique_and_not_null(small, table):
    key = ", ".join(CONTRACT[table]["primary_key"])
    dupes = small.sql(f"select {key}, count(*) from {table} group by all having count(*) > 1").fetchall()
    assert dupes == []
    for col in CONTRACT[table]["columns"]:
        if col not in CONTRACT[table]["nullable"]:
            nulls = small.sql(f"select count(*) from {table} where {col} is null").fetchall()[0][0]
            assert nulls == 0, f"{table}.{col} has nulls"


def test_chunked_tables_have_several_parts(small_run):
    out, _ = small_run
    assert len(list((out / "deposit_balances").glob("*.parquet"))) == 3  # 200 customers in chunks of 70
    assert len(list((out / "ftp_curve").glob("*.parquet"))) == 1
