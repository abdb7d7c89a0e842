"""No killed build ever goes live (DECISIONLOG B-010).

On a copy of the test build (`make dbt-test`: 600 customers x 15 months, as of 2026-09-30, every test passed),
in a temporary folder: the build is published. Then a second build (another as-of date) is killed at a random
node, once with SIGKILL and once with SIGTERM, and `python -m segmentation_tools.publish` runs after each:
target/run_results.json still describes the first build, which passed, so only the build's own stamps in the
database show that the database now holds a half-built second one. Publish must refuse with one line, and the
first version must stay live and be the only version folder. The kill points are drawn from a seeded
generator; the seed is printed (set KILL_SEED to replay one).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.builds

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SECOND_AS_OF = "2026-08-31"
NODE_START = re.compile(r"\d+ of \d+ START (sql|test|seed|unit_test)")


def _environment(work: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DUCKDB_PATH": str(work / "build.duckdb"),
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "SERVING_DIR": str(work / "serving"),
    }


def _build_command(raw: Path, as_of: str) -> list[str]:
    vars_ = f"{{raw_data_dir: {raw}, as_of_date: {as_of}}}"
    return [str(BIN / "dbt"), "build", "--profiles-dir", "profiles", "--vars", vars_]


def _publish(work: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "segmentation_tools.publish"],
        cwd=PROJECT,
        env=_environment(work),
        capture_output=True,
        text=True,
    )


def _live(work: Path) -> tuple[set[str], set[str]]:
    """The live version and dbt invocation of the serving database."""
    with duckdb.connect(str(work / "serving" / "serving.duckdb"), read_only=True) as serving:
        rows = serving.execute("select version, dbt_invocation_id from publish_manifest").fetchall()
    return {row[0] for row in rows}, {row[1] for row in rows}


def _kill_build_at(work: Path, raw: Path, node: int, kill_signal: signal.Signals) -> str:
    """Start a full build, send `kill_signal` when its `node`-th model, seed or test starts; its line."""
    build = subprocess.Popen(
        _build_command(raw, SECOND_AS_OF),
        cwd=PROJECT,
        env=_environment(work),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    started, line = 0, ""
    for line in build.stdout:
        if NODE_START.search(line):
            started += 1
            if started == node:
                build.send_signal(kill_signal)
                break
    build.stdout.close()
    build.wait(timeout=120)
    assert started == node, f"the build ended after {started} nodes, before node {node}"
    assert build.returncode == -kill_signal, build.returncode
    return line.strip()


def test_a_build_killed_at_a_random_node_never_goes_live(
    copy_of_test_build: Path, raw_data_dir: Path
) -> None:
    work, raw = copy_of_test_build, raw_data_dir.resolve()
    published = _publish(work)
    assert published.returncode == 0, published.stderr
    first_version, first_invocation = _live(work)
    run_results = json.loads((work / "target" / "run_results.json").read_text(encoding="utf-8"))
    nodes = sum(
        1 for r in run_results["results"] if r["unique_id"].split(".")[0] in {"model", "seed", "test"}
    )

    seed = int(os.environ.get("KILL_SEED", time.time_ns() % 1_000_000))
    generator = random.Random(seed)
    for kill_signal in (signal.SIGKILL, signal.SIGTERM):
        node = generator.randint(1, nodes)
        killed_at = _kill_build_at(work, raw, node, kill_signal)
        print(f"KILL_SEED={seed}: {kill_signal.name} at node {node} of {nodes}: {killed_at}")
        refused = _publish(work)
        assert refused.returncode == 1, (killed_at, refused.stdout)
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr, refused.stderr
        assert "did not finish (killed, or still running)" in refused.stderr, refused.stderr
        assert _live(work) == (first_version, first_invocation)
        assert [path.name for path in (work / "serving" / "versions").iterdir()] == list(first_version)
