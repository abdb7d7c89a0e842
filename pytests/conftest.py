"""Fixtures for tests that read the warehouse built by `make dbt-test` (DUCKDB_PATH) from the raw data in
RAW_DATA_DIR. `make test` builds both before pytest runs."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import publish

# pytests/spark/ reads a Spark and a DuckDB build that only `make test-spark` makes (it sets SPARK_TEST_WORK).
collect_ignore = [] if os.environ.get("SPARK_TEST_WORK") else ["spark"]


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
def published_serving_database(warehouse_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test warehouse's marts published as `make demo` would, through every check of publish: a copy of
    the warehouse stamped as the complete run of a build whose run results and manifest list its marts, all
    passed (the real target/ of `make dbt-test` is rewritten by `make docs-test`, DECISIONLOG B-010)."""
    work = tmp_path_factory.mktemp("published")
    build_db = work / "build.duckdb"
    shutil.copyfile(warehouse_path, build_db)
    with duckdb.connect(str(build_db)) as build:
        marts = publish.mart_tables(build)
        build.execute(
            "insert into build_audit.dbt_invocations values "
            "('published-test', 'START', 'build', now()::timestamp, null, null), "
            "('published-test', 'END', 'build', now()::timestamp + interval 1 second, 0, 0)"
        )
    nodes = [f"model.corporate_segmentation.{mart}" for mart in marts]
    (work / "run_results.json").write_text(
        json.dumps(
            {
                "args": {"which": "build"},
                "metadata": {"invocation_id": "published-test"},
                "results": [{"unique_id": node, "status": "success"} for node in nodes],
            }
        ),
        encoding="utf-8",
    )
    (work / "manifest.json").write_text(
        json.dumps(
            {
                "metadata": {"invocation_id": "published-test"},
                "nodes": {
                    node: {"resource_type": "model", "config": {"materialized": "table"}} for node in nodes
                },
            }
        ),
        encoding="utf-8",
    )
    publish.publish(build_db, work / "run_results.json", work / "serving")
    return work / "serving" / "serving.duckdb"
