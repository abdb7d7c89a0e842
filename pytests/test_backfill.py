"""Backfill and segment history (DECISIONLOG H-001, H-002).

Fast tests drive `segmentation_tools.backfill` with a fake dbt. The slow test backfills an earlier month-end
into a copy of the test build (`make dbt-test`, as of 2026-09-30) with the real command, hashes the history
and the history marts, re-runs that month-end and checks that nothing changed (no double count, no leftover
rows).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import backfill

pytestmark = pytest.mark.builds

ROOT = Path(__file__).resolve().parents[1]
HISTORY_RELATIONS = [
    "marts.customer_segment_history",
    "marts.customer_profitability_history",
    "marts.segment_structure_trend",
    "marts.segment_migration",
    "marts.profit_concentration",
]


# --- month-ends -------------------------------------------------------------------------------------------


def test_month_ends_are_every_month_end_in_the_range_oldest_first() -> None:
    ends = backfill.month_ends(dt.date(2025, 10, 31), dt.date(2026, 9, 30))
    assert len(ends) == 12
    assert ends[0] == dt.date(2025, 10, 31) and ends[-1] == dt.date(2026, 9, 30)
    assert dt.date(2026, 2, 28) in ends


def test_month_ends_skip_a_partial_first_month_and_know_leap_years() -> None:
    assert backfill.month_ends(dt.date(2024, 1, 15), dt.date(2024, 3, 30)) == [
        dt.date(2024, 1, 31),
        dt.date(2024, 2, 29),
    ]


def test_an_empty_or_reversed_range_is_a_clear_error() -> None:
    with pytest.raises(backfill.BackfillError, match="no month-end"):
        backfill.month_ends(dt.date(2026, 9, 1), dt.date(2026, 9, 29))
    with pytest.raises(backfill.BackfillError, match="after"):
        backfill.month_ends(dt.date(2026, 9, 30), dt.date(2026, 8, 31))


# --- the loop, with a fake dbt ----------------------------------------------------------------------------


class FakeDbt:
    name = "fake"

    def __init__(self, fail_on: str | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail_on = fail_on

    def build(self, args: list[str]) -> backfill.BuildOutcome:
        self.calls.append(args)
        if self.fail_on and self.fail_on in args[args.index("--vars") + 1]:
            return backfill.summarise_results(
                [("model.p.ok", "success"), ("test.p.assert_totals", "fail"), ("model.p.later", "skipped")]
            )
        return backfill.summarise_results([("model.p.ok", "success"), ("test.p.t", "pass")])


def test_every_month_builds_the_whole_project_in_order() -> None:
    """Each month-end is built and tested whole, so the last one can be published."""
    dbt = FakeDbt()
    dates = backfill.month_ends(dt.date(2026, 6, 30), dt.date(2026, 8, 31))
    built = backfill.backfill(dates, dbt, "data/dev", full_refresh=True, write=lambda _: None)
    assert [as_of for as_of, _, _ in built] == dates
    dbt_vars = [json.loads(call[call.index("--vars") + 1]) for call in dbt.calls]
    assert [v["as_of_date"] for v in dbt_vars] == [as_of.isoformat() for as_of in dates]
    assert [v["raw_data_dir"] for v in dbt_vars] == ["data/dev"] * 3
    assert ["--select" in call for call in dbt.calls] == [False, False, False]
    assert ["--full-refresh" in call for call in dbt.calls] == [True, False, False]


def test_a_dbt_exception_becomes_one_line_without_dbt_frames() -> None:
    error = Exception(
        "Compilation Error in operation corporate_segmentation-on-run-start-1 (./dbt_project.yml)\n"
        "  the build did not start:\n"
        "  as_of_date 2026-10-31 is outside the data: pass a date from its first balance date 2025-07-01\n"
        "  \n"
        "  > in macro validate_build_inputs (macros/build/validate_build_inputs.sql)\n"
        "  > called by operation corporate_segmentation-on-run-start-1 (./dbt_project.yml)"
    )
    assert backfill.one_line(error) == (
        "the build did not start: as_of_date 2026-10-31 is outside the data: pass a date from its first "
        "balance date 2025-07-01"
    )


def test_the_first_failure_stops_with_one_line_naming_the_month_and_the_failed_node() -> None:
    dbt = FakeDbt(fail_on="2026-08-31")
    dates = backfill.month_ends(dt.date(2026, 6, 30), dt.date(2026, 9, 30))
    with pytest.raises(backfill.BackfillError) as failure:
        backfill.backfill(dates, dbt, "d", write=lambda _: None)
    message = str(failure.value)
    assert "\n" not in message
    assert "as-of 2026-08-31" in message and "test assert_totals (fail)" in message
    assert "2 of 4 month-ends built (2026-06-30..2026-07-31)" in message and "--from 2026-08-31" in message
    assert len(dbt.calls) == 3  # September is never attempted


def test_cli_reports_a_missing_raw_directory_in_one_line(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)  # main() changes to the project root; restore the working directory afterwards
    code = backfill.main(
        ["--from", "2026-08-31", "--to", "2026-09-30", "--raw-data-dir", str(tmp_path / "nope")]
    )
    assert code == 1
    assert capsys.readouterr().err.strip().startswith("backfill: no raw data at")


# --- re-running an as-of date leaves the history identical (real dbt, small data) -------------------------


def _content_hash(database: Path) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent hash of the rows of every history relation."""
    hashes = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for relation in HISTORY_RELATIONS:
            rows = connection.execute(f"select * from {relation}").fetchall()
            digest = hashlib.sha256("\n".join(sorted(repr(row) for row in rows)).encode()).hexdigest()
            hashes[relation] = (len(rows), digest)
    return hashes


def _run_backfill(first: str, last: str, raw_dir: Path, scratch: Path, *extra: str) -> None:
    """The backfill command on the build in `scratch`."""
    env = dict(
        os.environ,
        DUCKDB_PATH=str(scratch / "build.duckdb"),
        DBT_TARGET_PATH=str(scratch / "target"),
        DBT_LOG_PATH=str(scratch / "logs"),
        # with `--select <models>,resource_type:model`: the models only (tests write nothing, and the test
        # build ran every one of them on the same data)
        DBT_INDIRECT_SELECTION="empty",
    )
    command = [sys.executable, "-m", "segmentation_tools.backfill", "--from", first, "--to", last]
    completed = subprocess.run(
        [*command, "--raw-data-dir", str(raw_dir), *extra], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr[-2000:]


def test_rerunning_an_as_of_date_leaves_the_history_identical(
    copy_of_test_build: Path, raw_data_dir: Path
) -> None:
    work, raw = copy_of_test_build, raw_data_dir.resolve()
    as_of_part = ("--select", "int_evaluation_window+,resource_type:model")
    _run_backfill("2026-08-31", "2026-08-31", raw, work, *as_of_part)
    before = _content_hash(work / "build.duckdb")
    # the in-process build writes the manifest it ran, of its own invocation, beside its run results (publish
    # pairs the two)
    invocations = [
        json.loads((work / "target" / name).read_text(encoding="utf-8"))["metadata"]["invocation_id"]
        for name in ("run_results.json", "manifest.json")
    ]
    assert invocations[0] == invocations[1]
    with duckdb.connect(str(work / "build.duckdb"), read_only=True) as connection:
        dates = connection.execute(
            "select as_of_date, count(*) from marts.customer_segment_history group by 1 order by 1"
        ).fetchall()
        migrated = connection.execute("select count(*) from marts.segment_migration").fetchall()[0][0]
    assert [as_of for as_of, _ in dates] == [dt.date(2026, 8, 31), dt.date(2026, 9, 30)]
    assert all(parties > 0 for _, parties in dates) and migrated > 0

    # Re-run the earlier month-end, after the later one: only its rows are replaced, by identical rows.
    _run_backfill("2026-08-31", "2026-08-31", raw, work, *as_of_part)
    assert _content_hash(work / "build.duckdb") == before
