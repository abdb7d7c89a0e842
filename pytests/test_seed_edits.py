"""Policy seed edits the build must refuse before any model reads them (DECISIONLOG Q-020).

dbt-duckdb loads a seed into an existing table by position, so a seed whose header no longer lists the columns
of its YAML in order would load silently into the wrong columns. The test edits seeds in a copy of the project
and expects the build's on-run-start check to name each seed and column in one line.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.builds

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOT_COPIED = {".venv", "data", "warehouse", "target", "logs", "serving", "reports", ".git"}


def _top_level(names_left_out: set[str]):
    def ignore(folder: str, names: list[str]) -> set[str]:
        return names_left_out & set(names) if folder == str(ROOT) else set()

    return ignore


def _edit_columns(path: Path, edit) -> None:
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(edit(row) for row in rows)


def test_a_seed_header_that_is_not_its_yaml_stops_the_build_in_one_line_per_seed(
    raw_data_dir: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=_top_level(NOT_COPIED))
    seeds = project / "seeds"

    def swap_texts(row: list[str]) -> list[str]:  # strategy_text_zh and summary_en, header and data together
        row[5], row[6] = row[6], row[5]
        return row

    _edit_columns(seeds / "scoring" / "service_strategies.csv", swap_texts)
    _edit_columns(seeds / "profitability" / "lgd_by_collateral_type.csv", lambda row: row[:-1])
    policy = seeds / "policy" / "policy_parameters.csv"
    policy.write_text(
        policy.read_text(encoding="utf-8").replace("parameter_version", "param_version", 1), encoding="utf-8"
    )
    pd_by_grade = seeds / "profitability" / "pd_by_risk_grade.csv"  # a BOM and CRLF line ends are harmless
    pd_by_grade.write_bytes(b"\xef\xbb\xbf" + pd_by_grade.read_bytes().replace(b"\n", b"\r\n"))

    env = {**os.environ, "DUCKDB_PATH": str(tmp_path / "build.duckdb")}
    env.update(DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"))
    result = subprocess.run(
        [str(BIN / "dbt"), "build", "--profiles-dir", "profiles", "--select", "pd_by_risk_grade",
         "--vars", json.dumps({"raw_data_dir": str(raw_data_dir.resolve())})],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    output = result.stdout
    lines = [line.strip() for line in output[output.index("the build did not start:") :].splitlines()[1:4]]
    rule = " (the header must list the columns of its YAML, in that order)"
    assert sorted(lines) == sorted(
        [
            "seed policy_parameters (seeds/policy/policy_parameters.csv): column 9 is param_version, "
            f"expected parameter_version{rule}",
            "seed service_strategies (seeds/scoring/service_strategies.csv): column 6 is summary_en, "
            f"expected strategy_text_zh{rule}",
            "seed lgd_by_collateral_type (seeds/profitability/lgd_by_collateral_type.csv): column 5 "
            f"parameter_version is missing{rule}",
        ]
    ), lines
    assert "pd_by_risk_grade" not in output[output.index("the build did not start:") :]
