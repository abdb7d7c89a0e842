"""End to end: a seeded clean dataset and a fault-injected copy (same arguments + --inject-faults),
the preflight and a full `dbt build` of the faulted copy into a temporary DuckDB. Every injected fault must
be found where the manifest says (quarantined with its reason, or kept and flagged/repaired), no clean row
may be rejected or flagged, every raw table must reconcile, and customer_segments must still hold every
party exactly once (the build's own tests pass). Small data (300 customers x 3 months) keeps it near one
minute; unit tests are left out of this build (they do not read the data and run in `make dbt-test`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from demo_data.faults import (
    ACCEPTED,
    FLAGGED,
    IGNORED,
    REJECTED,
    REPAIRED,
    inject_file_fault,
    read_manifest,
    row_key,
)
from segmentation_tools import publish
from segmentation_tools.raw_contract import TABLES

pytestmark = pytest.mark.builds

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DAILY_TABLES = {"deposit_balances": "account_id", "loan_balances": "loan_id"}  # validated by month batch
BIN = Path(sys.executable).parent
DATA_ARGS = ["--customers", "300", "--months", "3", "--seed", "7", "--quiet"]
# The evaluation window of the builds on that data, its three months: a longer one runs over months without
# data, which the test assert_every_window_month_has_rows refuses (DECISIONLOG Q-016).
WINDOW_MONTHS = 3
PASSING = {"success", "pass", "warn"}

# base model whose flag column proves a FLAGGED / REPAIRED fault
FLAG_COLUMN = {"customers": "data_quality_flags", "prospects": "data_quality_flags"}


def _run(args: list[str], env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def datasets(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("faults")
    clean, faulted = root / "clean", root / "faulted"
    for out, extra in ((clean, []), (faulted, ["--inject-faults"])):
        result = _run([sys.executable, "-m", "demo_data", "--out", str(out), *DATA_ARGS, *extra])
        assert result.returncode == 0, result.stderr
    return clean, faulted


@pytest.fixture(scope="module")
def manifest(datasets) -> list[dict]:
    return read_manifest(datasets[1])


@pytest.fixture(scope="module")
def build(datasets, tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess, Path]:
    work = tmp_path_factory.mktemp("faulted_build")
    env = {
        **os.environ,
        "DUCKDB_PATH": str(work / "faulted.duckdb"),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
    }
    env.pop("RAW_DATA_DIR", None)
    result = _run(
        [
            str(BIN / "dbt"), "build", "--profiles-dir", "profiles",
            "--vars", json.dumps({"raw_data_dir": str(datasets[1]), "window_months": WINDOW_MONTHS}),
            "--exclude", "test_type:unit",
        ],
        env=env,
    )  # fmt: skip
    return work / "faulted.duckdb", result, work / "target" / "run_results.json"


@pytest.fixture(scope="module")
def warehouse(build):
    database, result, _ = build
    if not database.exists():
        pytest.fail(f"dbt build wrote no database:\n{result.stdout[-3000:]}")
    with duckdb.connect(str(database), read_only=True) as connection:
        yield connection


def test_at_least_twenty_fault_kinds_are_injected(manifest):
    row_kinds = {r["kind"] for r in manifest if r["expected_outcome"] != "STOPPED"}
    assert len(row_kinds) >= 20, sorted(row_kinds)
    tables = {r["table_name"] for r in manifest}
    assert tables == set(TABLES)


def test_preflight_accepts_the_row_level_faults(datasets):
    result = _run([sys.executable, "-m", "segmentation_tools.preflight", "--raw-data-dir", str(datasets[1])])
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("preflight: OK")


def test_build_on_faulted_data_finishes_and_its_tests_pass(build):
    _, result, run_results = build
    assert result.returncode == 0, result.stdout[-4000:]
    results = json.loads(run_results.read_text())["results"]
    failed = [
        f"{r['unique_id']} ({r['status']})"
        for r in results
        if r["status"] not in PASSING
        and not (r["unique_id"].startswith("exposure.") and r["status"] == "no-op")
    ]  # exposures (models/exposures.yml) are listed by `dbt build` as no-op, never run (DECISIONLOG B-001)
    assert not failed
    names = {r["unique_id"].rsplit(".", 1)[-1] if r["unique_id"].startswith("model.") else r["unique_id"]
             for r in results}  # fmt: skip
    assert {"source_reconciliation", "customer_segments", "data_quality_rejections"} <= names


def test_every_rejected_fault_is_quarantined_with_its_reason_and_nothing_else(warehouse, manifest):
    expected: dict[tuple[str, str, str], int] = {}
    for fault in manifest:
        if fault["expected_outcome"] == REJECTED:
            key = (fault["table_name"], fault["row_key"], fault["expected_code"])
            expected[key] = expected.get(key, 0) + fault["expected_rows"]
    actual = {
        (table, key, reason): count
        for table, key, reason, count in warehouse.execute(
            "select source_table, row_key, reason_code, count(*) "
            "from staging.stg_bank__rejections group by all"
        ).fetchall()
    }
    missing = {k: v for k, v in expected.items() if actual.get(k) != v}
    assert not missing, f"faults not found as expected (table, key, reason): {missing}"
    clean_rows_rejected = {k: v for k, v in actual.items() if k not in expected}
    assert not clean_rows_rejected, f"clean rows rejected: {clean_rows_rejected}"
    assert sum(actual.values()) == sum(expected.values())


def _base_row(warehouse, table: str, row_key: str) -> dict:
    """The base model's row of a raw row; for the daily balance tables, whose base models keep only rejected
    rows one by one, an accepted row is looked up in the daily staging view (rejection_reason None)."""
    relation = f"staging.base_bank__{table}"
    columns = [r[0] for r in warehouse.execute(f"describe {relation}").fetchall()]
    rows = warehouse.execute(f"select * from {relation} where row_key = ?", [row_key]).fetchall()
    if not rows and table in DAILY_TABLES:
        relation = f"staging.stg_bank__{table}"
        columns = [r[0] for r in warehouse.execute(f"describe {relation}").fetchall()] + ["rejection_reason"]
        rows = warehouse.execute(
            f"select *, null from {relation} where {_daily_row_key(table)} = ?", [row_key]
        ).fetchall()
    assert len(rows) == 1, f"{table} {row_key}: {len(rows)} rows in {relation}"
    return dict(zip(columns, rows[0], strict=True))


def _daily_row_key(table: str) -> str:
    return f"{DAILY_TABLES[table]} || '|' || cast(balance_date as varchar)"


@pytest.mark.parametrize("outcome", [FLAGGED, REPAIRED, IGNORED])
def test_kept_faults_are_accepted_and_flagged(warehouse, manifest, outcome):
    faults = [f for f in manifest if f["expected_outcome"] == outcome]
    assert faults
    for fault in faults:
        row = _base_row(warehouse, fault["table_name"], fault["row_key"])
        assert row["rejection_reason"] is None, fault
        if outcome == IGNORED:
            continue
        if fault["table_name"] in FLAG_COLUMN:
            flags = (row["data_quality_flags"] or "").split(";")
            assert fault["expected_code"] in flags, (fault, flags)
        else:
            assert row["is_code_repaired"] is True, fault


def test_valid_edge_values_pass_unchanged(warehouse, manifest, datasets):
    """ACCEPTED rows (a rate at the contract's full precision) are accepted with the raw value to the last
    decimal; test_no_clean_row_is_flagged shows they carry no flag, test_every_raw_table_reconciles that they
    reconcile."""
    faults = [f for f in manifest if f["expected_outcome"] == ACCEPTED]
    assert faults
    for fault in faults:
        table, column = fault["table_name"], fault["column_name"]
        raw_rows = duckdb.execute(f"select * from read_parquet('{datasets[1] / table / '*.parquet'}')")
        columns = [d[0] for d in raw_rows.description]
        raw = [r for r in (dict(zip(columns, v, strict=True)) for v in raw_rows.fetchall())
               if row_key(table, r) == fault["row_key"]]  # fmt: skip
        assert len(raw) == 1, fault
        row = _base_row(warehouse, table, fault["row_key"])
        assert row["rejection_reason"] is None, fault
        expected = raw[0][column]
        if isinstance(expected, float):  # a DOUBLE column: the value it holds is its shortest text
            expected = Decimal(repr(expected))
        assert row[column] == expected, (fault, row[column], raw[0][column])


def test_no_clean_row_is_flagged(warehouse, manifest):
    kept = {(f["table_name"], f["row_key"]) for f in manifest if f["expected_outcome"] in (FLAGGED, REPAIRED)}
    flagged = set()
    for table in TABLES:
        columns = {r[0] for r in warehouse.execute(f"describe staging.base_bank__{table}").fetchall()}
        conditions = []
        if "data_quality_flags" in columns:
            conditions.append("data_quality_flags is not null")
        if "is_code_repaired" in columns:
            conditions.append("is_code_repaired")
        if table in DAILY_TABLES:
            conditions = ["is_code_repaired"] if "code_repaired_rows" in columns else []
            relation, key = f"staging.stg_bank__{table}", _daily_row_key(table)
            where = "true"
        else:
            relation, key, where = f"staging.base_bank__{table}", "row_key", "rejection_reason is null"
        if conditions:
            sql = f"select {key} from {relation} where {where} and (" + " or ".join(conditions) + ")"
            flagged |= {(table, r[0]) for r in warehouse.execute(sql).fetchall()}
    assert flagged == kept


def test_every_raw_table_reconciles(warehouse, datasets):
    rows = warehouse.execute(
        "select source_table, raw_rows, accepted_rows, rejected_rows, staged_rows, raw_amount, "
        "accepted_amount, "
        "rejected_amount, is_reconciled from marts.source_reconciliation"
    ).fetchall()
    assert {r[0] for r in rows} == set(TABLES)
    for table, raw, accepted, rejected, staged, raw_amount, accepted_amount, rejected_amount, ok in rows:
        assert raw == accepted + rejected and staged == accepted, table
        assert raw_amount == accepted_amount + rejected_amount, table
        assert ok, table
        pattern = str(datasets[1] / table / "*.parquet")
        assert raw == duckdb.execute(f"select count(*) from read_parquet('{pattern}')").fetchall()[0][0], (
            table
        )


def test_every_clean_party_is_segmented_exactly_once(warehouse, datasets):
    duplicates = warehouse.execute(
        "select as_of_date, party_id, count(*) from marts.customer_segments group by all having count(*) > 1"
    ).fetchall()
    assert not duplicates
    clean_customers = {
        r[0]
        for r in duckdb.execute(
            f"select customer_id from read_parquet('{datasets[0] / 'customers' / '*.parquet'}')"
        ).fetchall()
    }
    accepted = {
        r[0] for r in warehouse.execute("select customer_id from staging.stg_bank__customers").fetchall()
    }
    assert accepted == clean_customers  # the faulted copy loses no clean customer
    existing = {
        r[0]
        for r in warehouse.execute(
            "select customer_id from intermediate.int_customers_balances_summarised where is_existing"
        ).fetchall()
    }
    segmented = {
        r[0]
        for r in warehouse.execute(
            "select party_id from marts.customer_segments where party_kind = 'EXISTING'"
        ).fetchall()
    }
    assert segmented == existing
    unknown_org = [f["row_key"] for f in read_manifest(datasets[1]) if f["kind"] == "unknown_org_type"]
    tiers = [
        row
        for row in warehouse.execute(
            "select party_id, sub_class, tier from marts.customer_segments"
        ).fetchall()
        if row[0] in unknown_org
    ]
    assert all(sub_class == "UNCLASSIFIED" and tier == "UNRATED" for _, sub_class, tier in tiers), tiers


def test_expectations_report_the_faults_readably(build, datasets, tmp_path):
    database, _, _ = build
    result = _run(
        [
            sys.executable, "-m", "segmentation_tools.expectations", "--database", str(database),
            "--raw-data-dir", str(datasets[1]), "--docs-dir", str(tmp_path / "docs"),
        ]
    )  # fmt: skip
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "FAIL raw.strategic_list" in result.stdout
    assert "expect_column_pair_values_a_to_be_greater_than_b(effective_to,effective_from)" in result.stdout
    assert "ok   marts.source_reconciliation" in result.stdout
    assert (tmp_path / "docs" / "index.html").exists()


def _dbt_on_a_tampered_copy(
    build, datasets, tmp_path: Path, tamper: list[str], dbt_args: list[str]
) -> tuple[int, dict[str, str]]:
    """Run the statements `tamper` on a copy of the build's database, then `dbt <dbt_args>` on the copy: the
    return code and each node's status by name."""
    database, _, _ = build
    copy = tmp_path / "tampered.duckdb"
    copy.write_bytes(database.read_bytes())
    with duckdb.connect(str(copy)) as connection:
        for statement in tamper:
            connection.execute(statement)
    env = {
        **os.environ,
        "DUCKDB_PATH": str(copy),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    vars_ = json.dumps({"raw_data_dir": str(datasets[1]), "window_months": WINDOW_MONTHS})
    result = _run([str(BIN / "dbt"), *dbt_args, "--profiles-dir", "profiles", "--vars", vars_], env=env)
    statuses = {
        r["unique_id"].split(".")[2]: r["status"]
        for r in json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
        if not r["unique_id"].startswith(
            "operation."
        )  # the project hooks (stamp_build, validate_build_inputs)
    }
    return result.returncode, statuses


def test_reconciliation_fails_the_build_when_a_row_is_lost(build, datasets, tmp_path):
    """The reconciliation test can fail: drop one accepted fee from a copy of the build's base table and
    rebuild source_reconciliation; its test must fail the build."""
    returncode, statuses = _dbt_on_a_tampered_copy(
        build,
        datasets,
        tmp_path,
        tamper=[
            "delete from staging.base_bank__fees where row_key = "
            "(select min(row_key) from staging.base_bank__fees where rejection_reason is null)"
        ],
        dbt_args=["build", "--select", "source_reconciliation", "assert_source_reconciliation_balances"],
    )
    assert returncode != 0
    assert statuses["assert_source_reconciliation_balances"] == "fail"


def test_daily_key_tests_fail_on_a_repeated_date(build, datasets, tmp_path):
    """unique_days_per_key_and_month can fail: repeat one accepted monthly row of the deposit and of the loan
    balances in a copy of the build's base tables (its days are then accepted twice); both key tests must then
    fail (DECISIONLOG H-014)."""
    returncode, statuses = _dbt_on_a_tampered_copy(
        build,
        datasets,
        tmp_path,
        tamper=[
            f"insert into staging.base_bank__{table} "
            f"select * from staging.base_bank__{table} where rejection_reason is null limit 1"
            for table in DAILY_TABLES
        ],
        dbt_args=["test", "--select", "test_name:unique_days_per_key_and_month"],
    )
    assert returncode != 0
    assert sorted(statuses.values()) == ["fail", "fail"]
    assert all(name.startswith("unique_days_per_key_and_month_stg_bank__") for name in statuses)


def test_a_month_or_a_branch_missing_from_the_extract_fails_the_build(build, datasets, tmp_path):
    """A window month of loan balances, and one branch's cost pools of another month, removed from a copy of
    the build's base tables: the two coverage tests fail, each naming what is missing (DECISIONLOG Q-016,
    Q-021)."""
    accepted = "where rejection_reason is null"
    returncode, statuses = _dbt_on_a_tampered_copy(
        build,
        datasets,
        tmp_path,
        tamper=[
            "delete from staging.base_bank__loan_balances where validation_batch = "
            f"(select min(validation_batch) from staging.base_bank__loan_balances {accepted})",
            "delete from staging.base_bank__cost_pools "
            f"where branch_code = (select min(branch_code) from staging.base_bank__cost_pools {accepted}) "
            f"and cost_month = (select max(cost_month) from staging.base_bank__cost_pools {accepted})",
        ],
        dbt_args=[
            "test", "--select", "assert_every_window_month_has_rows",
            "assert_every_branch_with_customers_has_cost_pools",
        ],
    )  # fmt: skip
    assert returncode != 0
    assert statuses == {
        "assert_every_window_month_has_rows": "fail",
        "assert_every_branch_with_customers_has_cost_pools": "fail",
    }
    compiled = tmp_path / "target" / "compiled" / "corporate_segmentation" / "tests"
    with duckdb.connect(str(tmp_path / "tampered.duckdb"), read_only=True) as connection:
        missing = connection.execute(
            (compiled / "data_quality" / "assert_every_window_month_has_rows.sql").read_text()
        ).fetchall()
        branches = connection.execute(
            (compiled / "profitability" / "assert_every_branch_with_customers_has_cost_pools.sql").read_text()
        ).fetchall()
    assert [table for table, _ in missing] == ["loan_balances"]
    assert len(branches) == 1


def test_amounts_typed_double_are_accepted_to_the_cent_and_fractional_integers_are_invalid(
    warehouse, datasets, manifest
):
    """Fault class 3 (DECISIONLOG Q-010): deposit balances arrive as DOUBLE; every exact one is accepted with
    its cents (about one in eight reads like 1234567.8899999998 at 10 decimals); one with a tenth of a cent, a
    NaN and 1e20 (past decimal(18, 2)) are INVALID_VALUE, not NEGATIVE_AMOUNT; a risk grade of 2.5 and a
    satisfaction of 3.5 (DOUBLE) are INVALID_VALUE, not rounded."""
    raw_types = {
        (table, column): duckdb.execute(
            f"select typeof({column}) from read_parquet('{datasets[1] / table / '*.parquet'}') limit 1"
        ).fetchall()[0][0]
        for table, column in (
            ("deposit_balances", "balance"),
            ("loans", "risk_grade"),
            ("customers", "satisfaction_score"),
        )
    }
    assert set(raw_types.values()) == {"DOUBLE"}, raw_types
    invalid = warehouse.execute(
        "select row_key from staging.base_bank__deposit_balances where rejection_reason = 'INVALID_VALUE' "
        "order by row_key"
    ).fetchall()
    not_cents = {"double_inexact_amount", "double_not_a_number", "double_amount_overflow"}
    assert invalid == sorted((f["row_key"],) for f in manifest if f["kind"] in not_cents)
    assert len(invalid) == len(not_cents)
    off_at_ten_decimals = duckdb.execute(
        "select count(*) from read_parquet(?) "
        "where try_cast(balance as decimal(38, 10)) <> try_cast(balance as decimal(18, 2))",
        [str(datasets[1] / "deposit_balances" / "*.parquet")],
    ).fetchall()[0][0]
    assert off_at_ten_decimals > 1000  # the exact cents a DOUBLE cannot hold, all accepted above
    loan = [
        f["row_key"] for f in manifest if f["kind"] == "fractional_integer" and f["table_name"] == "loans"
    ]
    assert _base_row(warehouse, "loans", loan[0])["rejection_reason"] == "INVALID_VALUE"


def test_an_account_in_any_iso_currency_stays_and_only_its_rows_without_a_rate_are_missing_fx(
    warehouse, manifest
):
    """Fault class 5 (SPEC 8 "Dates and membership"; DECISIONLOG Q-011): a GBP account (no GBP rate) is
    accepted, its customer segmented, each balance MISSING_FX; a JPY account and fee with a JPY rate are
    accepted and converted; a code that is not ISO 4217 (RMB) stays UNKNOWN_CURRENCY."""
    by_kind = {f["kind"]: f for f in manifest if f["table_name"] in ("deposit_accounts", "loans")}
    gbp = by_kind["iso_currency_without_rate"]["row_key"]
    jpy = by_kind["iso_currency_with_rate"]["row_key"]
    accepted = dict(
        warehouse.execute(
            "select account_id, currency from staging.stg_bank__deposit_accounts where account_id in (?, ?)",
            [gbp, jpy],
        ).fetchall()
    )
    assert accepted == {gbp: "GBP", jpy: "JPY"}
    reasons = dict(
        warehouse.execute(
            "select account_id, list(distinct coalesce(rejection_reason, 'ACCEPTED')) "
            "from staging.base_bank__deposit_balances where account_id in (?, ?) group by 1",
            [gbp, jpy],
        ).fetchall()
    )
    assert reasons == {gbp: ["MISSING_FX"], jpy: ["ACCEPTED"]}
    converted = warehouse.execute(
        "select count(*) from staging.stg_bank__deposit_balances where account_id = ? "
        "and balance_cny = cast(balance * 0.04812345 as decimal(38, 10))",
        [jpy],
    ).fetchall()[0][0]
    assert converted > 0
    segmented = warehouse.execute(
        "select count(*) from marts.customer_segments where party_id = "
        "(select customer_id from staging.stg_bank__deposit_accounts where account_id = ?)",
        [gbp],
    ).fetchall()[0][0]
    assert segmented == 1
    assert by_kind["unknown_currency"]["expected_code"] == "UNKNOWN_CURRENCY"


def test_a_build_without_its_unit_tests_is_not_published(build, tmp_path):
    """This module's build excludes the unit tests (--exclude test_type:unit): every node it ran passed, yet
    publish refuses it, and it refuses the build's run results against another database (the class 1 of the
    issue; DECISIONLOG B-010)."""
    database, _, run_results = build
    with pytest.raises(
        publish.PublishError, match=r"publish needs a complete dbt build; not run: unit_test\."
    ):
        publish.publish(database, run_results, tmp_path / "serving")
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as connection:
        connection.execute("create schema build_audit")
        connection.execute(
            "create table build_audit.dbt_invocations as select 'another-build' as invocation_id, "
            "'END' as phase, 'build' as command, now()::timestamp as stamped_at"
        )
    with pytest.raises(publish.PublishError, match="not built by the dbt build of the run results"):
        publish.check_stamps(
            duckdb.connect(str(other), read_only=True),
            other,
            json.loads(run_results.read_text())["metadata"]["invocation_id"],
        )
    assert not (tmp_path / "serving" / "serving.duckdb").exists()


def _refused_build(build, datasets, tmp_path: Path, raw: Path, extra_vars: dict) -> list[str]:
    """`dbt build` with these vars on a copy of the build's database: the lines of its refusal; the copy's
    history tables and build stamps must be untouched."""
    database, _, _ = build
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(database, copy)
    history_sql = (
        "select count(*), sum(hash(as_of_date, party_id, tier, quadrant, customer_value)) "
        "from marts.customer_segment_history"
    )
    stamps_sql = "select count(*) from build_audit.dbt_invocations"
    with duckdb.connect(str(copy), read_only=True) as connection:
        before = connection.execute(history_sql).fetchall(), connection.execute(stamps_sql).fetchall()
    env = {
        **os.environ,
        "DUCKDB_PATH": str(copy),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    vars_ = json.dumps({"raw_data_dir": str(raw), **extra_vars})
    result = _run([str(BIN / "dbt"), "build", "--profiles-dir", "profiles", "--vars", vars_], env=env)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    with duckdb.connect(str(copy), read_only=True) as connection:
        after = connection.execute(history_sql).fetchall(), connection.execute(stamps_sql).fetchall()
    assert after == before, "the refused build wrote into the database"
    output = result.stdout
    lines = output[output.index("the build did not start:") :].splitlines()[1:]
    return [line.strip() for line in lines[: next(i for i, line in enumerate(lines) if not line.strip())]]


def test_wrong_vars_stop_the_build_before_any_sql_and_keep_the_history(build, datasets, tmp_path):
    """Fault class 4: window_months -1 or 0 and an as_of_date years after the data each give one line naming
    the var and the allowed range (a refused as_of_date alone does not blame window_months), a misspelt var
    name one line naming it; nothing is written, history tables included (DECISIONLOG Q-009, Q-017)."""
    lines = _refused_build(
        build, datasets, tmp_path, datasets[1], {"window_months": -1, "as_of_date": "2101-03-31"}
    )
    assert len(lines) == 2, lines
    assert lines[0].startswith(
        "as_of_date 2101-03-31 is outside the data: pass a date from its first balance "
    )
    assert lines[1].startswith("window_months -1 is not allowed: a whole number of months from 1 to ")
    lines = _refused_build(build, datasets, tmp_path, datasets[1], {"window_months": "abc"})
    assert len(lines) == 1 and lines[0].startswith("window_months abc is not allowed"), lines
    lines = _refused_build(build, datasets, tmp_path, datasets[1], {"as_of_date": "2101-03-31"})
    assert len(lines) == 1 and lines[0].startswith("as_of_date 2101-03-31 is outside the data"), lines
    lines = _refused_build(build, datasets, tmp_path, datasets[1], {"as_of_dat": "2026-08-31"})
    assert lines == [
        "var as_of_dat is not a var of this project: pass one of raw_data_dir, as_of_date, window_months, "
        "rejected_share_warn, rejected_share_error, unrated_share_warn, unrated_share_error"
    ], lines


def test_an_as_of_date_past_the_accepted_balances_stops_before_the_history(build, datasets, tmp_path):
    """The faulted data holds a loan balance dated 2100 (quarantined DATE_OUT_OF_RANGE), so an as_of_date of
    2031 is inside the raw dates the on-run-start check reads; the evaluation window stops it against the
    accepted dates, and every model that reads it, the history tables too, is skipped."""
    database, _, _ = build
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(database, copy)
    history_sql = "select count(*), sum(hash(as_of_date, party_id, tier)) from marts.customer_segment_history"
    with duckdb.connect(str(copy), read_only=True) as connection:
        before = connection.execute(history_sql).fetchall()
    env = {**os.environ, "DUCKDB_PATH": str(copy), "DBT_TARGET_PATH": str(tmp_path / "target")}
    env["DBT_LOG_PATH"] = str(tmp_path / "logs")
    vars_ = json.dumps({"raw_data_dir": str(datasets[1]), "as_of_date": "2031-09-30"})
    result = _run(
        [
            str(BIN / "dbt"),
            "build",
            "--profiles-dir",
            "profiles",
            "--vars",
            vars_,
            "--select",
            "int_evaluation_window+",
        ],
        env=env,
    )
    assert result.returncode != 0
    assert "as_of_date 2031-09-30 is outside the accepted data: pass a date from " in result.stdout
    with duckdb.connect(str(copy), read_only=True) as connection:
        assert connection.execute(history_sql).fetchall() == before


def test_a_stray_balance_after_the_extract_stops_a_build_without_as_of_date(build, datasets, tmp_path):
    """One accepted deposit balance dated a quarter after the extract would move the default as-of date there
    and leave every loan without a balance on it (DECISIONLOG Q-013): without an as_of_date the evaluation
    window stops the build, naming both tables' last dates."""
    database, _, _ = build
    raw = tmp_path / "raw"
    shutil.copytree(datasets[1], raw, ignore=shutil.ignore_patterns("_faults"))
    with duckdb.connect(str(database), read_only=True) as connection:
        last_date, last_loan_date = connection.execute(
            "select (select max(last_balance_date) from staging.stg_bank__deposit_balances_by_month), "
            "(select max(last_balance_date) from staging.stg_bank__loan_balances_by_month)"
        ).fetchall()[0]
        account_id = connection.execute(
            "select min(balances.account_id) from staging.stg_bank__deposit_balances as balances "
            "inner join staging.stg_bank__deposit_accounts as accounts "
            "on balances.account_id = accounts.account_id "
            "where balances.balance_date = ? and accounts.currency = 'CNY' and accounts.close_date is null",
            [last_date],
        ).fetchall()[0][0]
    stray = last_date + dt.timedelta(days=92)
    balances = raw / "deposit_balances"
    duckdb.execute(
        f"copy (select * replace (date '{stray}' as balance_date) from read_parquet('{balances}/*.parquet') "
        f"where account_id = '{account_id}' and balance_date = date '{last_date}') "
        f"to '{balances}/part-99999.parquet' (format parquet)"
    )
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(database, copy)
    env = {**os.environ, "DUCKDB_PATH": str(copy), "DBT_TARGET_PATH": str(tmp_path / "target")}
    env["DBT_LOG_PATH"] = str(tmp_path / "logs")
    vars_ = json.dumps({"raw_data_dir": str(raw)})
    result = _run(
        [str(BIN / "dbt"), "build", "--profiles-dir", "profiles", "--vars", vars_,
         "--select", "+int_evaluation_window", "--exclude", "test_type:unit"],
        env=env,
    )  # fmt: skip
    assert result.returncode != 0
    assert (
        f"as_of_date not given and the two balance tables end on different dates (deposits {stray}, loans "
        f"{last_loan_date}): a stray or late row would move it; pass as_of_date"
    ) in result.stdout, result.stdout[-3000:]


def test_a_raw_data_dir_with_quote_or_brackets_is_refused_by_the_build(build, datasets, tmp_path):
    raw = tmp_path / "it's [1]"
    shutil.copytree(datasets[1], raw)
    lines = _refused_build(build, datasets, tmp_path, raw, {})
    assert lines == [
        f"raw_data_dir {raw}: its path holds ' [ ], which the file pattern <raw_data_dir>/<table>/*.parquet "
        "cannot take (quote or glob characters); move the extract, or link it (ln -s) to a path without them"
    ]


def test_files_the_build_would_not_read_stop_it_by_name(build, datasets, tmp_path):
    """Fault class 2: a month saved as part-00000.PARQUET, a CSV file and a Hive part without extension
    were left out silently (the reconciliation's raw side reads the same files); markers are ignored."""
    raw = tmp_path / "raw"
    shutil.copytree(datasets[1], raw, ignore=shutil.ignore_patterns("_faults"))
    inject_file_fault(raw, "misnamed_part_file", "deposit_balances")
    inject_file_fault(raw, "non_parquet_file", "loans")
    inject_file_fault(raw, "extensionless_part_file", "fees")
    lines = _refused_build(build, datasets, tmp_path, raw, {})
    assert [line.split(" is ")[0] for line in lines] == [
        "deposit_balances: part-00000.PARQUET",
        "fees: 000000_0",
        "loans: extract-2026-09.csv",
    ], lines


def test_an_empty_table_stops_the_build_by_name(build, datasets, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(datasets[1], raw, ignore=shutil.ignore_patterns("_faults"))
    inject_file_fault(raw, "empty_table", "customers")
    lines = _refused_build(build, datasets, tmp_path, raw, {})
    assert lines == [f"customers: no rows in {raw / 'customers'}: the table must not be empty"]


def test_the_folder_above_the_extract_is_refused_in_one_line_naming_the_extract(build, datasets, tmp_path):
    """raw_data_dir one level above the table folders: one line pointing at the extract, not a line per
    table (DECISIONLOG Q-017)."""
    above = tmp_path / "above"
    above.mkdir()
    (above / "extract").symlink_to(datasets[1])
    lines = _refused_build(build, datasets, tmp_path, above, {})
    assert lines == [
        f"raw_data_dir {above} holds no table folder with Parquet files (missing, empty or not the top "
        f"folder of the extract); the tables are in {above / 'extract'}: pass that"
    ], lines
