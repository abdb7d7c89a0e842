"""Fixtures for tests that read the warehouse built by `make dbt-test` (DUCKDB_PATH) from the raw data in
RAW_DATA_DIR. `make test` builds both before pytest runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import publish

# pytests/spark/ reads a Spark and a DuckDB build that only `make test-spark` makes (it sets SPARK_TEST_WORK).
collect_ignore = [] if os.environ.get("SPARK_TEST_WORK") else ["spark"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules marked `builds` (they run dbt builds, minutes each) first, the rest in their order: with
    `make pytest` (pytest-xdist, a module per worker, in this order) the workers finish together."""
    builds = {item.module for item in items if item.get_closest_marker("builds")}
    items.sort(key=lambda item: item.module not in builds)


@pytest.fixture(scope="session")
def warehouse_path() -> Path:
    path = Path(os.environ.get("DUCKDB_PATH", "warehouse/test.duckdb"))
    if not path.exists():
        pytest.fail(f"no warehouse at {path}: run `make dbt-test` (or `make test`) first")
    return path


@pytest.fixture(scope="session")
def raw_data_dir() -> Path:
    path = Path(os.environ.get("RAW_DATA_DIR", "data/test"))
    if not (path / "customers").is_dir():
        pytest.fail(f"no raw data at {path}: run `make data-test` (or `make test`) first")
    return path


@pytest.fixture(scope="session")
def test_build_artifacts(warehouse_path: Path) -> Path:
    """The run results and manifest of the `make dbt-test` build of warehouse_path (TEST_ARTIFACTS): a
    complete `dbt build` with every test, as publish requires."""
    path = Path(os.environ.get("TEST_ARTIFACTS", "warehouse/test-artifacts"))
    if not all((path / name).is_file() for name in ("run_results.json", "manifest.json")):
        pytest.fail(f"no run results and manifest of the test build in {path}: run `make dbt-test` first")
    return path


@pytest.fixture
def copy_of_test_build(warehouse_path: Path, test_build_artifacts: Path, tmp_path: Path) -> Path:
    """A folder holding a copy of the test build as `dbt build` left it: build.duckdb, and target/ with its
    run results and manifest. Tests that publish it, or build into it again, work on the copy."""
    shutil.copyfile(warehouse_path, tmp_path / "build.duckdb")
    (tmp_path / "target").mkdir()
    for name in ("run_results.json", "manifest.json"):
        shutil.copyfile(test_build_artifacts / name, tmp_path / "target" / name)
    return tmp_path


@pytest.fixture(scope="session")
def warehouse(warehouse_path: Path):
    with duckdb.connect(str(warehouse_path), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="session")
def serving_dir(warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test warehouse's marts in the published format (publish.write_serving_database), in a serving
    folder that was renamed after it was written, as a BI server mounts it elsewhere: nothing in it may point
    at the path it was written to. For the dashboards and the BI clients."""
    written = tmp_path_factory.mktemp("written") / "serving"
    written.mkdir()
    with duckdb.connect(str(warehouse_path), read_only=True) as build:
        marts = publish.mart_tables(build)
        counts = {
            mart: build.execute(f'select count(*) from marts."{mart}"').fetchall()[0][0] for mart in marts
        }
        manifest = publish.Manifest("pytest", "pytest", publish.build_as_of_date(build), publish.git_commit())
    publish.write_serving_database(
        warehouse_path, written / publish.SERVING_DATABASE, marts, manifest, counts
    )
    mounted = written.rename(tmp_path_factory.mktemp("mounted") / "bi_share")
    assert not written.exists()
    return mounted


@pytest.fixture(scope="session")
def published_serving_database(
    warehouse_path: Path, test_build_artifacts: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The test build published as `make demo` publishes, through every check of publish, from a copy of its
    database and its own run results and manifest."""
    work = tmp_path_factory.mktemp("published")
    shutil.copyfile(warehouse_path, work / "build.duckdb")
    publish.publish(work / "build.duckdb", test_build_artifacts / "run_results.json", work / "serving")
    return work / "serving" / "serving.duckdb"
