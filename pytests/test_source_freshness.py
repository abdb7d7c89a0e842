"""Source freshness of the raw extract (DECISIONLOG Q-012).

Runs the real `dbt source freshness` on the test data, into a scratch database and target path, and checks
sources.json against the raw Parquet read with DuckDB: exactly the tables dated by the extract are checked,
each reports the latest date of its own column (a table dated by month: that month's last day), the thresholds
are the policy's, and each status is the one they give for the age at dbt's own snapshotted_at. The status is
whatever today's date makes it; the test holds on any day.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.builds

ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).parent / "dbt"

# table -> (date column, dated by month: freshness at the month's last day)
DATED_TABLES = {
    "loan_balances": ("balance_date", False),
    "deposit_balances": ("balance_date", False),
    "fees": ("fee_date", False),
    "fx_rates": ("rate_date", False),
    "account_activity": ("activity_month", True),
    "cost_pools": ("cost_month", True),
    "ftp_curve": ("curve_date", True),
}
WARN_AFTER_DAYS = 35
ERROR_AFTER_DAYS = 65


@pytest.fixture(scope="module")
def freshness(raw_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    scratch = tmp_path_factory.mktemp("freshness")
    database = scratch / "freshness.duckdb"
    env = dict(
        os.environ,
        DUCKDB_PATH=str(database),
        DBT_TARGET_PATH=str(scratch / "target"),
        DBT_LOG_PATH=str(scratch / "logs"),
    )
    command = [str(DBT), "source", "freshness", "--profiles-dir", "profiles"]
    command += ["--vars", f"{{raw_data_dir: '{raw_data_dir.resolve()}'}}"]
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    sources = scratch / "target" / "sources.json"
    assert sources.exists(), completed.stdout[-3000:]
    return json.loads(sources.read_text(encoding="utf-8")), database


def _utc(timestamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(timestamp).astimezone(dt.UTC)


def _expected_status(age: dt.timedelta) -> str:
    if age > dt.timedelta(days=ERROR_AFTER_DAYS):
        return "error"
    return "warn" if age > dt.timedelta(days=WARN_AFTER_DAYS) else "pass"


def test_exactly_the_tables_dated_by_the_extract_are_checked(freshness: tuple[dict, Path]) -> None:
    results = {r["unique_id"].rsplit(".", 1)[1]: r for r in freshness[0]["results"]}
    assert set(results) == set(DATED_TABLES)
    assert {r["status"] for r in results.values()} <= {"pass", "warn", "error"}, [
        (table, r["status"], r.get("message")) for table, r in results.items()
    ]


def test_each_table_reports_its_latest_date_and_the_status_of_its_age(
    freshness: tuple[dict, Path], raw_data_dir: Path
) -> None:
    results = {r["unique_id"].rsplit(".", 1)[1]: r for r in freshness[0]["results"]}
    with duckdb.connect() as connection:
        for table, (column, by_month) in DATED_TABLES.items():
            latest = connection.execute(
                f"select max({column}) from read_parquet('{raw_data_dir}/{table}/*.parquet')"
            ).fetchone()[0]
            if by_month:
                latest = connection.execute("select last_day(?::date)", [latest]).fetchone()[0]
            result = results[table]
            max_loaded_at = _utc(result["max_loaded_at"])
            assert max_loaded_at == dt.datetime.combine(latest, dt.time(), dt.UTC), table
            assert result["criteria"]["warn_after"] == {"count": WARN_AFTER_DAYS, "period": "day"}, table
            assert result["criteria"]["error_after"] == {"count": ERROR_AFTER_DAYS, "period": "day"}, table
            age = _utc(result["snapshotted_at"]) - max_loaded_at
            assert result["max_loaded_at_time_ago_in_s"] == pytest.approx(age.total_seconds(), abs=1e-3)
            assert result["status"] == _expected_status(age), (table, age)


def test_freshness_leaves_no_build_stamp(freshness: tuple[dict, Path]) -> None:
    """A freshness check between a build and its publish must not read as a later command into the build
    database (segmentation_tools.publish refuses those)."""
    database = freshness[1]
    if not database.exists():
        return
    with duckdb.connect(str(database), read_only=True) as connection:
        stamps = connection.execute(
            "select count(*) from information_schema.tables where table_schema = 'build_audit'"
        ).fetchone()[0]
    assert stamps == 0
