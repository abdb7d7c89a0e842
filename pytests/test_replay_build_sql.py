"""benchmarks/replay_build_sql.py runs every query of the test build again without dbt, on a copy of it."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import duckdb

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "replay_build_sql.py"


def _replay_module():
    spec = importlib.util.spec_from_file_location("replay_build_sql", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_table_model_month_batch_and_data_test_of_the_build_is_replayed(
    warehouse_path: Path, test_build_artifacts: Path, tmp_path: Path
) -> None:
    copy = tmp_path / warehouse_path.name  # the compiled SQL names the database after its file
    shutil.copyfile(warehouse_path, copy)
    manifest = json.loads((test_build_artifacts / "manifest.json").read_text())
    ran = [
        result["unique_id"]
        for result in json.loads((test_build_artifacts / "run_results.json").read_text())["results"]
    ]
    materialized = {
        unique_id: manifest["nodes"][unique_id]["config"]["materialized"]
        for unique_id in ran
        if unique_id.startswith("model.")
    }
    with duckdb.connect(str(copy), read_only=True) as connection:
        month_batches = sum(
            connection.execute(f"select count(*) from staging.{table}").fetchone()[0]
            for table in ("base_bank__deposit_balances_batches", "base_bank__loan_balances_batches")
        )

    result = _replay_module().replay(copy, test_build_artifacts)

    assert result["data tests_statements"] == sum(unique_id.startswith("test.") for unique_id in ran)
    assert result["models_statements"] == sum(
        kind in ("table", "incremental") for kind in materialized.values()
    )
    assert list(materialized.values()).count("batched") == 2
    assert result["batched models_statements"] == month_batches > 0
    assert result["cpu_s"] > 0
    with duckdb.connect(str(copy), read_only=True) as connection:
        schemas = {
            name for (name,) in connection.execute("select schema_name from duckdb_schemas()").fetchall()
        }
    assert "replay" not in schemas
