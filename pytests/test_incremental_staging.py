"""Month batches of the daily balance tables (materialization `batched`; DECISIONLOG H-014).

One slow test with the real dbt on a small generated extract with every row-level fault: the base models are
built from the extract cut after a month-end, then built again, incrementally, from an extract that grew by a
month and in which an old month was restated, a balance of another old month was moved from one account to
another (the month's totals unchanged), a loan changed currency, a deposit account was removed and an undated
loan balance arrived. The incremental result must equal a build from scratch row for row, and only the months
whose inputs changed may have been written again.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.builds

ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"
BASE_MODELS = ["base_bank__deposit_balances", "base_bank__loan_balances"]
DAILY_TABLES = ["deposit_balances", "loan_balances"]
LAST_MONTH_END = "2026-09-30"
CUT_AFTER = "2026-08-31"
MARK = "#kept"
MOVED_ON = "2026-07-15"  # the day whose balance is moved between two accounts


def _build(database: Path, raw_dir: Path, scratch: Path) -> None:
    env = dict(
        os.environ,
        DUCKDB_PATH=str(database),
        DBT_TARGET_PATH=str(scratch / "target"),
        DBT_LOG_PATH=str(scratch / "logs"),
    )
    selection = [f"+{model}" for model in BASE_MODELS] + [f"stg_bank__{table}" for table in DAILY_TABLES]
    command = [str(DBT), "build", "--profiles-dir", "profiles", "--select", *selection]
    command += ["--exclude", "test_type:data", "test_type:unit"]  # seeds and models only
    command += ["--vars", f"{{raw_data_dir: '{raw_dir}', as_of_date: '{LAST_MONTH_END}'}}"]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout[-3000:]


def _copy_table(
    connection, source: Path, target: Path, table: str, select: str = "*", where: str = ""
) -> None:
    (target / table).mkdir(parents=True)
    query = f"select {select} from read_parquet('{source}/{table}/*.parquet') {where}"
    connection.execute(f"copy ({query}) to '{target}/{table}/part.parquet' (format parquet)")


def _mark_one_row_per_batch(database: Path) -> None:
    """Suffix the row_key of one stored row per validation_batch with MARK (row_key is read by no check): a
    batch written again by the next build loses its marked row (delete+insert), one left alone keeps it.
    (DuckDB rowids cannot tell: a checkpoint after deletes renumbers them.)"""
    with duckdb.connect(str(database)) as connection:
        for model in BASE_MODELS:
            connection.execute(
                f"update staging.{model} set row_key = coalesce(row_key, '') || '{MARK}' where rowid in "
                f"(select min(rowid) from staging.{model} group by validation_batch)"
            )


def _distinct_batches(connection, where: str = "true") -> dict[str, set[str]]:
    """Per base model: the validation batches of its rows that satisfy `where`."""
    return {
        model: {
            row[0]
            for row in connection.execute(
                f"select distinct validation_batch from staging.{model} where {where}"
            ).fetchall()
        }
        for model in BASE_MODELS
    }


def _batches_kept(database: Path) -> dict[str, set[str]]:
    """Per base model: the batches that still hold their marked row; the marks are then removed."""
    with duckdb.connect(str(database)) as connection:
        kept = _distinct_batches(connection, where=f"row_key like '%{MARK}'")
        for model in BASE_MODELS:
            connection.execute(
                f"update staging.{model} set row_key = nullif(replace(row_key, '{MARK}', ''), '')"
            )
    return kept


def _batches(database: Path) -> dict[str, set[str]]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return _distinct_batches(connection)


def _rows(database: Path, model: str, schema: str = "staging") -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return sorted(
            connection.execute(f"select * from {schema}.{model}").fetchall(),
            key=lambda row: tuple((value is None, str(value)) for value in row),
        )


def test_an_incremental_build_equals_a_build_from_scratch_and_writes_only_changed_months(
    tmp_path: Path,
) -> None:
    generated = tmp_path / "generated"
    generate = [sys.executable, "-m", "demo_data", "--out", str(generated), "--customers", "120"]
    generate += ["--months", "4", "--seed", "5", "--inject-faults", "--quiet"]
    subprocess.run(generate, cwd=ROOT, check=True)
    before, after = tmp_path / "before", tmp_path / "after"
    with duckdb.connect() as connection:
        # the CNY loan that started last before the cut (few stored months); an account closed before July
        loan_id = connection.execute(
            f"select loan_id from read_parquet('{generated}/loan_balances/*.parquet') "
            f"where loan_id in (select loan_id from read_parquet('{generated}/loans/*.parquet') "
            f"where currency = 'CNY') group by loan_id having min(balance_date) <= date '{CUT_AFTER}' "
            "order by min(balance_date) desc, loan_id limit 1"
        ).fetchall()[0][0]
        account_id = connection.execute(
            f"select account_id from read_parquet('{generated}/deposit_balances/*.parquet') "
            f"group by account_id having max(balance_date) < date '2026-07-01' order by account_id limit 1"
        ).fetchall()[0][0]
        # two CNY accounts with a balance of at least 1,000 on MOVED_ON: 1,000 of the first moves to the
        # second
        moved_from, moved_to = (
            row[0]
            for row in connection.execute(
                f"select account_id from read_parquet('{generated}/deposit_balances/*.parquet') "
                f"where balance_date = date '{MOVED_ON}' and balance >= 1000 and account_id in "
                f"(select account_id from read_parquet('{generated}/deposit_accounts/*.parquet') "
                "where currency = 'CNY') "
                "order by account_id limit 2"
            ).fetchall()
        )
        loan_columns = [
            row[0]
            for row in connection.execute(
                f"describe select * from read_parquet('{generated}/loans/*.parquet')"
            ).fetchall()
        ]
        for table in (path.name for path in generated.iterdir() if path.is_dir() and path.name != "_faults"):
            if table in DAILY_TABLES:
                # before: the extract up to the cut, plus an undated deposit balance; after: every month, the
                # same undated deposit balance, a new undated loan balance, one deposit balance of June
                # restated, and 1,000 of a July balance moved to another account
                undated = (
                    "union all select 'A_UNDATED', null, 1.00"
                    if table == "deposit_balances"
                    else "union all select 'L_UNDATED', null, 1.00, 'NORMAL'"
                )
                cut = f"where not coalesce(try_cast(balance_date as date) > date '{CUT_AFTER}', false)"
                kept_undated = undated if table == "deposit_balances" else ""
                _copy_table(connection, generated, before, table, where=f"{cut} {kept_undated}")
                restated = (
                    "* replace (case when account_id = (select min(account_id) from read_parquet("
                    f"'{generated}/deposit_balances/*.parquet') where balance_date = date '2026-06-15') "
                    "and balance_date = date '2026-06-15' then balance + 1 "
                    f"when balance_date = date '{MOVED_ON}' and account_id = '{moved_from}' "
                    "then balance - 1000 "
                    f"when balance_date = date '{MOVED_ON}' and account_id = '{moved_to}' "
                    "then balance + 1000 "
                    "else balance end as balance)"
                    if table == "deposit_balances"
                    else "*"
                )
                _copy_table(connection, generated, after, table, select=restated, where=undated)
                continue
            _copy_table(connection, generated, before, table)
            if table == "loans":
                changed = ", ".join(
                    f"case when loan_id = '{loan_id}' then 'USD' else currency end as currency"
                    if column == "currency"
                    else column
                    for column in loan_columns
                )
                _copy_table(connection, generated, after, table, select=changed)
            elif table == "deposit_accounts":
                _copy_table(connection, generated, after, table, where=f"where account_id <> '{account_id}'")
            else:
                _copy_table(connection, generated, after, table)

    incremental, scratch_build = tmp_path / "incremental.duckdb", tmp_path / "scratch.duckdb"
    _build(incremental, before, tmp_path)
    first = _batches(incremental)
    assert "UNDATED" in first["base_bank__deposit_balances"]
    _mark_one_row_per_batch(incremental)
    _build(incremental, after, tmp_path)
    second = _batches(incremental)
    kept = _batches_kept(incremental)
    _build(scratch_build, after, tmp_path)

    for model in BASE_MODELS:
        assert _rows(incremental, model) == _rows(scratch_build, model), model

    # July is written again although the moved balance left its totals unchanged (the premise: both of its
    # rows are accepted)
    with duckdb.connect(str(scratch_build), read_only=True) as connection:
        moved = connection.execute(
            "select count(*) from staging.stg_bank__deposit_balances "
            f"where balance_date = date '{MOVED_ON}' and account_id in ('{moved_from}', '{moved_to}')"
        ).fetchall()[0][0]
    assert moved == 2

    rewritten = {model: sorted(second[model] - kept[model]) for model in BASE_MODELS}
    # deposits: the new month, the restated June, July (a balance moved between accounts) and the months of
    # the removed account (now ORPHAN_ACCOUNT)
    with duckdb.connect(str(scratch_build), read_only=True) as connection:
        orphan_months = [
            row[0]
            for row in connection.execute(
                "select distinct validation_batch from staging.base_bank__deposit_balances "
                f"where account_id = '{account_id}'"
            ).fetchall()
        ]
        loan_months = [
            row[0]
            for row in connection.execute(
                "select distinct validation_batch from staging.base_bank__loan_balances "
                f"where loan_id = '{loan_id}'"
            ).fetchall()
        ]
    assert orphan_months and loan_months
    new = {model: second[model] - first[model] for model in BASE_MODELS}
    assert (
        "2026-09-01" in new["base_bank__deposit_balances"] and "2026-09-01" in new["base_bank__loan_balances"]
    )
    expected = new["base_bank__deposit_balances"] | {"2026-06-01", "2026-07-01", *orphan_months}
    assert rewritten["base_bank__deposit_balances"] == sorted(expected)
    # loans: the new month and the months of the loan now in USD (their inputs changed)
    assert any(month <= CUT_AFTER for month in loan_months)
    assert rewritten["base_bank__loan_balances"] == sorted(new["base_bank__loan_balances"] | set(loan_months))
    assert "UNDATED" not in rewritten["base_bank__deposit_balances"]
    # the undated loan balance is a new batch, read from the raw rows whose month is null
    assert "UNDATED" in new["base_bank__loan_balances"]
