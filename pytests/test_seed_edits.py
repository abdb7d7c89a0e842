"""Policy seed edits a data team could make, each of which once built and published changed figures, made in
a copy of the project (DECISIONLOG Q-015, Q-020): the build refuses them at the seed, or stops naming it.

dbt-duckdb loads a seed into an existing table by position, so a header that no longer lists the columns of
its YAML in order is refused by the build's on-run-start check, one line per seed. The other slips fail a test
of their seed, or stop the model that reads it with one line.
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
    project = _project_copy(tmp_path)
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

    database = tmp_path / "build.duckdb"
    result = _dbt_build(project, database, raw_data_dir, tmp_path, "--select", "pd_by_risk_grade")
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


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=_top_level(NOT_COPIED))
    return project


def _replace_line(path: Path, start: str, new: str) -> None:
    """The line of `path` that starts with `start`, replaced by `new` (the line must exist)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    matches = [index for index, line in enumerate(lines) if line.startswith(start)]
    assert len(matches) == 1, (path, start)
    lines[matches[0]] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _dbt_build(project: Path, database: Path, raw_data_dir: Path, tmp_path: Path, *args: str):
    env = {**os.environ, "DUCKDB_PATH": str(database)}
    env.update(DBT_TARGET_PATH=str(tmp_path / "target"), DBT_LOG_PATH=str(tmp_path / "logs"))
    return subprocess.run(
        [str(BIN / "dbt"), "build", "--profiles-dir", "profiles", "--exclude", "test_type:unit",
         "--vars", json.dumps({"raw_data_dir": str(raw_data_dir.resolve())}), *args],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_policy_slips_fail_the_tests_of_their_seed(
    copy_of_test_build: Path, raw_data_dir: Path, tmp_path: Path
) -> None:
    """Four seed edits a data team could make, each of which once built and published changed figures, fail a
    test of the seed they are in, on a copy of the test build (DECISIONLOG Q-020)."""
    project = _project_copy(tmp_path)
    seeds = project / "seeds"
    scoring = seeds / "scoring"
    strategies = scoring / "service_strategies.csv"
    strategies.write_text(
        strategies.read_text(encoding="utf-8").replace(
            "EXISTING,IMPORTANT,LARGE,SERVICE,", "EXISTING,IMPORTANT,LARGE ,SERVICE,", 1
        ),
        encoding="utf-8",
    )
    _replace_line(
        seeds / "classification" / "reduced_threshold_industries.csv",
        "I65,",
        "i65,Software,软件,C,2000-01-01,",
    )
    _replace_line(  # a new value under the old version label
        seeds / "policy" / "policy_parameters.csv",
        "capital_ratio,",
        "capital_ratio,HEAD_OFFICE,HO,2000-01-01,2025-12-31,0.105,,rate,PRF-2026.1,capital ratio\n"
        "capital_ratio,HEAD_OFFICE,HO,2026-01-01,,0.12,,rate,PRF-2026.1,capital ratio",
    )
    outlook = scoring / "industry_outlook_scores.csv"  # a second C39 score, the first left open
    outlook.write_text(
        outlook.read_text(encoding="utf-8")
        + "C39,false,90,Electronics,电子设备制造业,SEG-2026.2,2026-01-01,\n",
        encoding="utf-8",
    )
    result = _dbt_build(
        project, copy_of_test_build / "build.duckdb", raw_data_dir, tmp_path, "--select", "path:seeds"
    )
    assert result.returncode != 0
    results = json.loads((tmp_path / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    failed = {r["unique_id"].split(".")[2] for r in results if r["status"] == "fail"}
    assert {
        "is_clean_code_service_strategies_tier",
        "is_clean_code_reduced_threshold_industries_industry_prefix",
        "unique_combination_of_columns_policy_parameters_parameter_code__scope_type__scope_code__parameter_version",
        "no_overlapping_validity_industry_outlook_scores_industry_prefix__is_default",
    } <= failed, sorted(failed)


def test_an_empty_region_override_and_a_missing_lgd_stop_the_build(
    copy_of_test_build: Path, raw_data_dir: Path, tmp_path: Path
) -> None:
    """Two slips that once published changed figures, each in a seed other tests read with staging, so they
    run apart from the seed-only ones above (a failing seed test skips the tests downstream of its seed):
    - a REGION row scoped R99, in force, matched nobody and changed nothing (DECISIONLOG Q-015): its seed test
      fails;
    - the MORTGAGE LGD dated after the as-of date gave mortgage loans an expected loss of 0: the credit-cost
      model stops with one line naming a loan, the collateral type and the seed (Q-020)."""
    project = _project_copy(tmp_path)
    _replace_line(
        project / "seeds" / "scoring" / "matrix_thresholds.csv",
        "EXISTING,CUSTOMER_VALUE,ALL,ALL,QUANTILE,0.6,,REGION,R44,",
        "EXISTING,CUSTOMER_VALUE,ALL,ALL,QUANTILE,0.6,,REGION,R99,2024-01-01,,SEG-2024.P1,pilot",
    )
    _replace_line(
        project / "seeds" / "profitability" / "lgd_by_collateral_type.csv",
        "MORTGAGE,",
        "MORTGAGE,0.30,2026-10-01,,PRF-2026.2",
    )
    result = _dbt_build(
        project, copy_of_test_build / "build.duckdb", raw_data_dir, tmp_path,
        "--select", "matrix_thresholds", "lgd_by_collateral_type", "int_customers_credit_costed",
    )  # fmt: skip
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    results = json.loads((tmp_path / "target" / "run_results.json").read_text(encoding="utf-8"))["results"]
    failed = {r["unique_id"].split(".")[2] for r in results if r["status"] == "fail"}
    assert failed == {"names_a_party_scope_matrix_thresholds_scope_code"}, sorted(failed)
    assert (
        ": no LGD in force on the as-of date for collateral type MORTGAGE (seed lgd_by_collateral_type)"
        in (result.stdout)
    )
