"""A client of each DuckDB major version reads the serving database (README "Serving and
BI"), after the serving folder was moved to another path:
  - Python duckdb 2.x (.venv), Python duckdb 1.4 (.venv-dashboards), Node @duckdb/node-api 1.x (clients/node),
    each running the queries of clients/queries.json and counting every mart of publish_manifest;
  - what each saw equals the build's marts: row counts, the profit total to the cent, the matrices' parties,
    the column comments of the dbt docs, and tables only (no view that could point at a path).
The negative control: the same database written in DuckDB 2.0's default storage format is refused by 1.4.
`make bi-clients` (part of `make test`) installs the 1.x clients. No DuckDB JDBC driver can be had from the
package registries this project uses, so JDBC is not tested (README)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import publish

PROJECT = Path(__file__).resolve().parents[1]
PYTHON_1X = PROJECT / ".venv-dashboards" / "bin" / "python"
NODE_CLIENT = PROJECT / "clients" / "node"


@pytest.fixture(scope="module")
def moved_database(serving_dir: Path) -> Path:
    return serving_dir / publish.SERVING_DATABASE


@pytest.fixture(scope="module")
def expected(warehouse: duckdb.DuckDBPyConnection) -> dict:
    def one(sql: str):
        return warehouse.execute(sql).fetchall()[0][0]

    marts = publish.mart_tables(warehouse)
    return {
        "counts": {mart: one(f'select count(*) from marts."{mart}"') for mart in marts},
        "profit_contribution": str(one("select sum(profit_contribution) from marts.customer_profitability")),
        "matrix_parties": str(
            one(
                "select (select sum(parties) from marts.segment_matrix_existing) "
                "+ (select sum(parties) from marts.segment_matrix_target)"
            )
        ),
        "segments": str(one("select count(*) from marts.customer_segments")),
        "as_of_date": str(one("select max(as_of_date) from marts.customer_segments")),
        "commented_columns": str(
            one("select count(*) from duckdb_columns() where schema_name = 'marts' and comment is not null")
        ),
        "quadrant_comment": one(
            "select comment from duckdb_columns() where schema_name = 'marts' "
            "and table_name = 'customer_segments' and column_name = 'quadrant'"
        ),
    }


def _read(command: list[str], database: Path) -> dict:
    result = subprocess.run(
        [*command, str(database)], cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def _clients() -> list:
    return [
        pytest.param([sys.executable, "clients/read_serving.py"], "2.", id="python-duckdb-2"),
        pytest.param([str(PYTHON_1X), "clients/read_serving.py"], "1.4.", id="python-duckdb-1.4"),
        pytest.param(["node", "clients/node/read_serving.mjs"], "v1.", id="node-duckdb-api-1"),
    ]


@pytest.mark.parametrize(("command", "version_prefix"), _clients())
def test_each_duckdb_major_version_reads_the_moved_serving_database(
    command: list[str], version_prefix: str, moved_database: Path, expected: dict
) -> None:
    if command[0] == "node" and not (NODE_CLIENT / "node_modules" / "@duckdb" / "node-api").is_dir():
        if shutil.which("npm"):
            pytest.fail("the Node client is not installed: run `make bi-clients`")
        pytest.skip("no npm on this machine: the Node client cannot be installed")
    if command[0] == str(PYTHON_1X) and not PYTHON_1X.exists():
        pytest.fail("no .venv-dashboards (Python duckdb 1.4): run `make bi-clients`")
    seen = _read(command, moved_database)
    assert seen["duckdb_version"].startswith(version_prefix), seen["duckdb_version"]
    answers = {name: None if value is None else str(value) for name, value in seen["answers"].items()}
    assert {mart: int(count) for mart, count in seen["counts"].items()} == expected["counts"]
    assert {mart: int(count) for mart, count in seen["manifest"].items()} == expected["counts"]
    for name in ("profit_contribution", "matrix_parties", "segments", "as_of_date", "quadrant_comment"):
        assert answers[name] == expected[name], name
    assert int(answers["commented_columns"]) >= int(expected["commented_columns"]) > 0
    assert answers["table_type"] == "BASE TABLE"
    assert answers["git_commit"] == publish.git_commit()


def test_the_1_4_client_refuses_duckdb_2_default_storage(warehouse_path: Path, tmp_path: Path) -> None:
    """Negative control: without STORAGE_VERSION the serving database would be unreadable for 1.x clients."""
    if not PYTHON_1X.exists():
        pytest.fail("no .venv-dashboards (Python duckdb 1.4): run `make bi-clients`")
    default_format = tmp_path / "default.duckdb"
    with duckdb.connect(str(default_format)) as connection:
        connection.execute(f"attach '{warehouse_path}' as build (read_only)")
        connection.execute("create table customer_segments as select * from build.marts.customer_segments")
    result = subprocess.run(
        [str(PYTHON_1X), "-c", f"import duckdb; duckdb.connect({str(default_format)!r}, read_only=True)"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "version" in result.stderr.lower(), result.stderr[-500:]
