"""Fault injection (issue 7): seeded and deterministic, >= 20 row-level kinds, a manifest outside the table
folders, clean values kept exact where a column is rewritten as text, and every whole-file fault kind."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from demo_data import TABLES, Config, generate
from demo_data.__main__ import main
from demo_data.faults import (
    FAULTS_DIR,
    FILE_FAULT_KINDS,
    MANIFEST_CSV,
    REJECTED,
    STOPPED,
    clean_code,
    inject_file_fault,
    inject_row_faults,
    parse_file_fault,
    read_manifest,
    row_key,
    to_full_width,
)

from .conftest import connect

SEED = 7


def _digests(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    """300 customers x 3 months in chunks of 150 (two part files per customer table)."""
    out = tmp_path_factory.mktemp("clean")
    generate(Config(out=out, customers=300, months=3, seed=SEED, chunk_size=150, quiet=True))
    return out


@pytest.fixture(scope="module")
def faulted(clean, tmp_path_factory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("faulted") / "data"
    shutil.copytree(clean, out)
    return out, inject_row_faults(out, SEED)


def test_at_least_twenty_kinds_in_every_table(faulted):
    _, manifest = faulted
    kinds = {r["kind"] for r in manifest}
    assert len(kinds) >= 20
    required = {
        "exact_duplicate", "duplicate_key_conflict", "null_key", "orphan_balance", "orphan_account",
        "orphan_fee",
        "negative_balance", "negative_amount", "absurd_amount", "rate_out_of_range", "unknown_org_type",
        "unknown_product_code", "unknown_currency", "unknown_five_level_class", "unknown_fee_type",
        "unknown_pool_code", "unknown_tag", "invalid_uscc", "missing_fx", "missing_ftp", "date_out_of_range",
        "maturity_before_start", "balance_after_close", "string_in_numeric", "full_width_code",
        "trailing_space_code",
    }  # fmt: skip
    assert required <= kinds, required - kinds
    assert {r["table_name"] for r in manifest} == set(TABLES)
    assert [r["fault_id"] for r in manifest] == list(range(1, len(manifest) + 1))


def test_manifest_lives_outside_the_table_folders(faulted):
    out, manifest = faulted
    assert (out / FAULTS_DIR / MANIFEST_CSV).exists()
    assert read_manifest(out) == manifest
    for table in TABLES:
        assert not list((out / table).glob("manifest*"))


def test_same_data_and_seed_give_identical_faults(clean, faulted, tmp_path):
    again = tmp_path / "again"
    shutil.copytree(clean, again)
    inject_row_faults(again, SEED)
    assert _digests(again) == _digests(faulted[0])


def test_injecting_twice_is_refused(faulted):
    with pytest.raises(ValueError, match="already holds injected faults"):
        inject_row_faults(faulted[0], SEED)


def test_rejected_keys_exist_in_the_faulted_data(faulted):
    out, manifest = faulted
    con = connect(out)
    for fault in manifest:
        if fault["expected_outcome"] != REJECTED or fault["row_key"] == "<null>":
            continue
        table = fault["table_name"]
        rows = con.sql(f"select * from {table}").to_arrow_table().to_pylist()
        keys = [row_key(table, row) for row in rows]
        assert keys.count(fault["row_key"]) >= fault["expected_rows"], fault


def test_numeric_column_as_text_keeps_clean_values_exact(clean, faulted):
    out, manifest = faulted
    bad = {r["row_key"] for r in manifest if r["kind"] == "string_in_numeric" and r["table_name"] == "fees"}
    for part in sorted((out / "fees").glob("*.parquet")):
        assert str(pq.read_schema(part).field("income_amount").type) == "string", part
    clean_fees = connect(clean).execute("select fee_id, income_amount from fees").fetchall()
    faulted_fees = dict(
        connect(out).execute("select fee_id, try_cast(income_amount as decimal(18, 2)) from fees").fetchall()
    )
    changed = {r["row_key"] for r in manifest if r["table_name"] == "fees"}
    for fee_id, amount in clean_fees:
        if fee_id not in changed:
            assert faulted_fees[fee_id] == amount, fee_id
    assert all(faulted_fees[key] is None for key in bad)


def test_only_first_parts_change_unless_a_column_changes_type(clean, faulted):
    out, manifest = faulted
    retyping = {
        "string_in_numeric",
        "double_exact_amount",
        "double_inexact_amount",
        "double_not_a_number",
        "double_amount_overflow",
        "fractional_integer",
    }
    text_tables = {r["table_name"] for r in manifest if r["kind"] in retyping}
    compared = 0
    for table in set(TABLES) - text_tables:
        for part in sorted((clean / table).glob("part-*.parquet")):
            if part.name != "part-00000.parquet":
                assert part.read_bytes() == (out / table / part.name).read_bytes(), part
                compared += 1
    assert compared > 0


def test_code_helpers_mirror_staging():
    assert clean_code(" ｃｎｙ\u3000") == "CNY"
    assert to_full_width("IOT") == "ＩＯＴ"
    assert row_key("cost_pools", {"branch_code": "br01 ", "cost_month": None, "pool_code": "X"}) == "<null>"


@pytest.mark.parametrize("kind", FILE_FAULT_KINDS)
def test_every_file_fault_kind_applies_and_is_recorded(clean, tmp_path, kind):
    out = tmp_path / "data"
    shutil.copytree(clean, out)
    row = inject_file_fault(out, kind, "loans")
    assert row["expected_outcome"] == STOPPED and row["table_name"] == "loans"
    assert read_manifest(out) == [row]
    folder = out / "loans"
    if kind == "missing_table":
        assert not folder.exists()
    elif kind == "empty_table_folder":
        assert folder.is_dir() and not list(folder.glob("*.parquet"))
    elif kind == "missing_column":
        assert row["column_name"] not in pq.read_schema(folder / "part-00000.parquet").names
    elif kind in ("truncated_file", "unreadable_file"):
        with pytest.raises(Exception):  # noqa: B017 - any Parquet reader error
            pq.read_schema(folder / "part-00000.parquet")
    elif kind == "wrong_type":
        assert str(pq.read_schema(folder / "part-00000.parquet").field(row["column_name"]).type) == "bool"
    elif kind in ("misnamed_part_file", "extensionless_part_file", "non_parquet_file"):
        unread = [path.name for path in folder.iterdir() if not path.name.endswith(".parquet")]
        assert any(name in row["expected_code"] for name in unread), (unread, row)
    elif kind == "empty_table":
        assert pq.read_metadata(folder / "part-00000.parquet").num_rows == 0
    else:
        assert (folder / "part-99999.parquet").exists()


def test_file_fault_specs_are_checked():
    assert parse_file_fault("wrong_type:loans:start_date") == ("wrong_type", "loans", "start_date")
    assert parse_file_fault("missing_table:fees") == ("missing_table", "fees", None)
    for bad in ("wrong_type", "nonsense:loans", "missing_table:nope", "a:b:c:d"):
        with pytest.raises(ValueError):
            parse_file_fault(bad)


def test_cli_injects_faults_and_a_clean_rerun_clears_the_manifest(tmp_path, capsys):
    out = tmp_path / "cli"
    args = ["--out", str(out), "--customers", "60", "--months", "2", "--seed", "3", "--quiet"]
    assert main([*args, "--inject-faults", "--file-fault", "missing_column:fees:fee_type"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("faults: ") and "kinds" in last
    assert any(r["kind"] == "missing_column" for r in read_manifest(out))
    assert main(args) == 0
    assert not (out / FAULTS_DIR).exists()
    assert main([*args, "--file-fault", "bogus:loans"]) == 2
    assert "error:" in capsys.readouterr().err
