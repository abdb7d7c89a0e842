"""A BI reader polls the serving database throughout a full `dbt build` and publish (DECISIONLOG B-010).

On a copy of the test build (`make dbt-test`: 600 customers x 15 months, as of 2026-09-30, every test passed),
in a temporary folder: publish it, then start a reader process that every ~50 ms opens `serving.duckdb`
read-only and, in one connection, reads publish_manifest and checks every mart's row count against it, one
as-of date throughout customer_segments, the matrices' parties and the history rows of that date against
customer_segments, and customer_profitability against its existing customers. Meanwhile this process runs
a second full `dbt build` (another as-of date, so the content changes) into the copy and publishes it. The
reader must never error, every snapshot must be consistent and come from one of the two tested builds, it
must keep reading the first version during the whole second build and then switch to the second version for
good.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.builds

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FIRST_AS_OF, SECOND_AS_OF = "2026-09-30", "2026-08-31"
# The test data is small (120 prospects): its warn-level shares are noisy from one as-of date to the next; the
# error levels still fail the build.
SMALL_DATA_VARS = "unrated_share_warn: 0.2, rejected_share_warn: 0.05"

READER = r"""
import json, os, sys, time
import duckdb

serving, log_path, stop_path = sys.argv[1:4]
deadline = time.monotonic() + 900
with open(log_path, "w", encoding="utf-8") as log:
    while not os.path.exists(stop_path) and time.monotonic() < deadline:
        started = time.monotonic()
        record = {"t": time.time()}
        try:
            with duckdb.connect(serving, read_only=True) as c:
                manifest = c.execute(
                    "select version, mart, row_count, dbt_invocation_id from publish_manifest"
                ).fetchall()
                record["versions"] = sorted({row[0] for row in manifest})
                record["invocations"] = sorted({row[3] for row in manifest})
                problems = []
                for _, mart, expected, _ in manifest:
                    actual = c.execute(f'select count(*) from "{mart}"').fetchall()[0][0]
                    if actual != expected:
                        problems.append(f"{mart}: {actual} rows, manifest {expected}")
                dates = c.execute(
                    "select min(as_of_date), max(as_of_date), count(*), "
                    "count(*) filter (where party_kind = 'EXISTING') from customer_segments"
                ).fetchall()[0]
                if dates[0] != dates[1]:
                    problems.append(f"customer_segments spans {dates[0]} .. {dates[1]}")
                record["as_of_date"] = str(dates[1])
                matrix = c.execute(
                    "select sum(parties) from (select as_of_date, parties from segment_matrix_existing "
                    "union all select as_of_date, parties from segment_matrix_target) where as_of_date = ?",
                    [dates[1]],
                ).fetchall()[0][0]
                history = c.execute(
                    "select count(*) from customer_segment_history where as_of_date = ?", [dates[1]]
                ).fetchall()[0][0]
                profitability = c.execute(
                    "select count(*) from customer_profitability where as_of_date = ?", [dates[1]]
                ).fetchall()[0][0]
                if matrix != dates[2]:
                    problems.append(f"matrices hold {matrix} parties, customer_segments {dates[2]}")
                if history != dates[2]:
                    problems.append(f"history: {history} rows on {dates[1]}, customer_segments {dates[2]}")
                if profitability != dates[3]:
                    problems.append(f"customer_profitability: {profitability} rows, existing {dates[3]}")
                record["problems"] = problems
        except Exception as error:  # the test fails on any error: record it with its type
            record["error"] = f"{type(error).__name__}: {error}"
        log.write(json.dumps(record) + "\n")
        log.flush()
        time.sleep(max(0.0, 0.05 - (time.monotonic() - started)))
"""


def _environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DUCKDB_PATH": str(work / "build.duckdb"),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "SERVING_DIR": str(work / "serving"),
    }


def _publish(work: Path) -> str:
    """Publish the build in `work`: the invocation id of the build."""
    published = subprocess.run(
        [sys.executable, "-m", "segmentation_tools.publish"],
        cwd=PROJECT,
        env=_environment(work),
        capture_output=True,
        text=True,
    )
    assert published.returncode == 0, published.stderr
    run_results = json.loads((work / "target" / "run_results.json").read_text(encoding="utf-8"))
    return run_results["metadata"]["invocation_id"]


def _build_and_publish(work: Path, raw: Path, as_of: str) -> tuple[str, float, float]:
    """A full dbt build for one as-of date, then publish: the invocation id, the build's start and end."""
    started = time.time()
    build = subprocess.run(
        [
            str(BIN / "dbt"),
            "build",
            "--profiles-dir",
            "profiles",
            "--vars",
            f"{{raw_data_dir: {raw}, as_of_date: {as_of}, {SMALL_DATA_VARS}}}",
        ],
        cwd=PROJECT,
        env=_environment(work),
        capture_output=True,
        text=True,
    )
    finished = time.time()
    assert build.returncode == 0, build.stdout[-3000:]
    return _publish(work), started, finished


def _records(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def _wait_for(log: Path, condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and condition(_records(log)):
            return
        time.sleep(0.2)
    raise AssertionError(f"the reader did not get there within {timeout} s: {_records(log)[-3:]}")


def test_a_reader_never_sees_an_error_or_a_mixed_version_during_a_full_build_and_publish(
    copy_of_test_build: Path, raw_data_dir: Path
) -> None:
    work, raw = copy_of_test_build, raw_data_dir.resolve()
    first_invocation = _publish(work)

    log, stop = work / "reader.jsonl", work / "stop"
    serving = work / "serving" / "serving.duckdb"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(serving), str(log), str(stop)])
    try:
        _wait_for(log, lambda records: len(records) >= 5, timeout=30)
        second_invocation, build_started, build_finished = _build_and_publish(work, raw, SECOND_AS_OF)
        _wait_for(
            log,
            lambda records: sum(r.get("invocations") == [second_invocation] for r in records) >= 5,
            timeout=30,
        )
    finally:
        stop.touch()
        reader.wait(timeout=30)

    records = _records(log)
    errors = [record["error"] for record in records if "error" in record]
    assert not errors, f"{len(errors)} of {len(records)} reads failed, e.g. {errors[:3]}"
    problems = [(record["versions"], record["problems"]) for record in records if record["problems"]]
    assert not problems, f"inconsistent snapshots: {problems[:3]}"
    assert all(len(record["versions"]) == 1 for record in records), "a snapshot mixed versions"

    seen = [record["invocations"][0] for record in records]
    assert set(seen) == {first_invocation, second_invocation}, "a snapshot came from no tested build"
    switch = seen.index(second_invocation)
    assert all(invocation == second_invocation for invocation in seen[switch:]), "the reader went back"
    during_build = [r for r in records if build_started <= r["t"] <= build_finished]
    assert len(during_build) >= 50, f"only {len(during_build)} reads during the second build"
    assert all(r["invocations"] == [first_invocation] for r in during_build), "the build leaked into serving"
    as_of_dates = {record["invocations"][0]: record["as_of_date"] for record in records}
    assert as_of_dates == {first_invocation: FIRST_AS_OF, second_invocation: SECOND_AS_OF}
    print(
        f"reader: {len(records)} reads, {len(during_build)} during the second build "
        f"({build_finished - build_started:.0f} s), version switched after read {switch + 1}"
    )
