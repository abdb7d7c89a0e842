"""Fixtures for the Spark port's tests (`make test-spark`, issue 20): the Spark build's tables and a DuckDB
build of the same raw data, both made by the make target in SPARK_TEST_WORK before pytest runs.

The Spark tables are Parquet folders under `<SPARK_TEST_WORK>/spark/tables/<schema>.db/<table>` (Spark's
warehouse directory, partition folders included); they are read here with DuckDB, so that both builds are
compared by one engine and one set of rules.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest
from spark_compare import RECORDED, SparkBuild


@pytest.fixture(scope="session")
def spark_test_work() -> Path:
    path = Path(os.environ["SPARK_TEST_WORK"])
    if not (path / "spark" / "tables").is_dir():
        pytest.fail(f"no Spark build under {path}: run `make test-spark`")
    return path


@pytest.fixture(scope="session")
def spark_build(spark_test_work: Path) -> SparkBuild:
    return SparkBuild(spark_test_work / "spark" / "tables")


@pytest.fixture(scope="session")
def reference(spark_test_work: Path):
    with duckdb.connect(str(spark_test_work / "reference.duckdb"), read_only=True) as connection:
        yield connection


def pytest_terminal_summary(terminalreporter) -> None:
    if not RECORDED:
        return
    terminalreporter.section("Spark vs DuckDB, row by row")
    for comparison in RECORDED:
        terminalreporter.write_line(
            f"{comparison.table:32} {comparison.reference_rows:>7} rows DuckDB"
            f" {comparison.spark_rows:>7} rows Spark  {comparison.differences} differences"
        )
    rows = sum(comparison.reference_rows for comparison in RECORDED)
    differences = sum(comparison.differences for comparison in RECORDED)
    terminalreporter.write_line(
        f"spark-vs-duckdb: {len(RECORDED)} marts, {rows} rows compared, {differences} differences"
    )
