"""The SQL of a finished `dbt build` run again without dbt: how long the queries alone take.

Reads the build's manifest.json and run_results.json and, on the build's own database, runs one statement at a
time on one DuckDB connection (2 threads, the profile's memory limit) every query the build ran, in the order
the build finished them:

- each table or incremental model: `create table replay.<n> as <its compiled SQL>`, a new table every time;
- each `batched` model (the two daily-balance base models): its compiled SQL once per batch of its batches
  model, with the session variables the materialization sets, inserted into one table;
- each data test: `select count(*)` of its compiled SQL.

Each statement reads the tables of the build, as in the build. Seeds, views, unit tests and the hooks are not
replayed: they are seconds of dbt's work, not of queries. Prints one JSON line: wall and CPU seconds in all,
and seconds and statements per kind. `benchmarks/bench_build.py --replay-sql` runs it after each build.

    .venv/bin/python benchmarks/replay_build_sql.py --database warehouse/segmentation.duckdb --target target
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import duckdb


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def replay(database: Path, target: Path) -> dict:
    manifest = json.loads((target / "manifest.json").read_text())
    results = json.loads((target / "run_results.json").read_text())["results"]
    finished = [result["unique_id"] for result in results]
    connection = duckdb.connect(str(database))
    connection.execute("set threads = 2")
    connection.execute(f"set memory_limit = '{os.environ.get('DUCKDB_MEMORY_LIMIT', '8GB')}'")
    connection.execute("set preserve_insertion_order = false")
    connection.execute("create schema if not exists replay")
    seconds: dict[str, float] = {"models": 0.0, "batched models": 0.0, "data tests": 0.0}
    statements = dict.fromkeys(seconds, 0)

    def timed(kind: str, sql: str) -> None:
        started = time.perf_counter()
        connection.execute(sql)
        seconds[kind] += time.perf_counter() - started
        statements[kind] += 1

    started, cpu_started = time.perf_counter(), cpu_seconds()
    for number, unique_id in enumerate(finished):
        node = manifest["nodes"].get(unique_id)
        if node is None or not node.get("compiled_code"):
            continue
        sql, materialized = node["compiled_code"], node["config"].get("materialized")
        if node["resource_type"] == "test":
            timed("data tests", f"select count(*) from ({sql}) as test_rows")
        elif materialized in ("table", "incremental"):
            timed("models", f"create table replay.node_{number} as {sql}")
        elif materialized == "batched":
            batches_id = f"model.{node['package_name']}.{node['config']['batches_model']}"
            batches_model = manifest["nodes"][batches_id]
            batches = connection.execute(
                f'select {node["config"]["batch_column"]} from "{batches_model["schema"]}".'
                f'"{batches_model["alias"]}" order by 1'
            ).fetchall()
            connection.execute(f"create table replay.node_{number} as select * from ({sql}) as rows limit 0")
            connection.execute("set variable batch_code_hash = 'replay'")
            for (batch,) in batches:
                connection.execute(f"set variable current_batch = '{batch}'")
                timed("batched models", f"insert into replay.node_{number} {sql}")
            connection.execute("reset variable current_batch")
    result = {"wall_s": time.perf_counter() - started, "cpu_s": cpu_seconds() - cpu_started}
    result.update({f"{kind}_s": value for kind, value in seconds.items()})
    result.update({f"{kind}_statements": value for kind, value in statements.items()})
    connection.execute("drop schema replay cascade")
    connection.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", type=Path, required=True, help="the database the build wrote")
    parser.add_argument("--target", type=Path, required=True, help="the build's target folder")
    args = parser.parse_args(argv)
    print(json.dumps(replay(args.database, args.target)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
