"""Running the same as-of date twice on Spark leaves the history tables identical (issue 20).

The history tables are `insert_overwrite` on Spark, partitioned by as_of_date with dynamic partition overwrite
(DECISIONLOG X-006): a second build of the same as-of date replaces that date's partition instead of adding to
it. The month-batched base models (materialization `batched`) are re-run beside them: with nothing changed
they write no batch. The test runs the history models and the batched models again with dbt on the Spark build
of `make test-spark` and compares every table's rows (count and row hashes) before and after; the history
partition must have been written again (new Parquet files), so the test cannot pass by the second run doing
nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ("customer_segment_history", "customer_profitability_history")
BATCHED = ("base_bank__deposit_balances", "base_bank__loan_balances")


def _tables(spark_build, reference) -> dict[str, tuple]:
    return {
        **{name: spark_build.fingerprint(reference, "marts", name) for name in HISTORY},
        **{name: spark_build.fingerprint(reference, "staging", name) for name in BATCHED},
    }


def test_running_the_same_as_of_date_again_leaves_the_history_identical(
    spark_build, reference, spark_test_work
):
    before = _tables(spark_build, reference)
    files_before = {name: spark_build.files("marts", name) for name in HISTORY}
    assert all(rows > 0 for rows, _ in before.values()), before
    for name in HISTORY:
        partitions = {path.parent.name for path in files_before[name]}
        assert len(partitions) == 1 and next(iter(partitions)).startswith("as_of_date="), partitions

    target_path = spark_test_work / "rerun-target"
    command = [
        str(ROOT / ".venv-spark" / "bin" / "dbt"),
        "run",
        "--profiles-dir",
        "profiles",
        "--target",
        "spark",
        "--target-path",
        str(target_path),
        "--log-path",
        str(target_path),
        "--vars",
        json.dumps({"raw_data_dir": os.environ["SPARK_RAW_DATA_DIR"]}),
        "--select",
        *HISTORY,
        *BATCHED,
    ]
    environment = {**os.environ, "SPARK_WAREHOUSE_DIR": str(spark_test_work / "spark")}
    completed = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout[-3000:]
    results = [
        result
        for result in json.loads((target_path / "run_results.json").read_text(encoding="utf-8"))["results"]
        if result["unique_id"].startswith("model.")
    ]
    assert sorted(result["unique_id"].split(".")[-1] for result in results) == sorted(HISTORY + BATCHED)
    assert all(result["status"] == "success" for result in results), results
    for name in BATCHED:
        assert f"{name}: writing 0 batch(es)" in (target_path / "dbt.log").read_text(encoding="utf-8")

    after = _tables(spark_build, reference)
    assert after == before
    for name in HISTORY:
        assert spark_build.files("marts", name) != files_before[name], f"{name} was not written again"
