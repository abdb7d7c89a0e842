"""Write-audit-publish: copy the tested marts of a build to the serving location BI tools read.

DuckDB allows one writer or many readers, so BI never reads the build database. After a `dbt build` whose
every node passed (target/run_results.json) and which rebuilt every mart, this:
  1. exports every table of the build's `marts` schema to Parquet in a new version folder
     `<serving_dir>/versions/<version>/`;
  2. writes a new serving database beside it with one view per mart over those files and a `publish_manifest`
     table (version, mart, row count, build invocation id);
  3. atomically renames that database onto `<serving_dir>/serving.duckdb` (os.replace), so a reader opens
     either the previous complete version or the new complete version, never a mix;
  4. keeps the last few versions, so readers still holding an older database find their files.
A build with any failed or skipped node publishes nothing and leaves the last good version in place.

Usage: python -m segmentation_tools.publish [--build-db PATH] [--run-results PATH] [--serving-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import duckdb

SERVING_DATABASE = "serving.duckdb"
VERSIONS_TO_KEEP = 3
PASSING_STATUSES = {"success", "pass", "warn"}


class PublishError(Exception):
    """A reason not to publish, printed as one line."""


def read_run_results(run_results_path: Path) -> tuple[str, list[str], set[str]]:
    """The invocation id of a dbt build, the nodes that did not pass, and the models it built."""
    if not run_results_path.exists():
        raise PublishError(f"no dbt run results at {run_results_path}: run dbt build first")
    run_results = json.loads(run_results_path.read_text(encoding="utf-8"))
    if run_results.get("args", {}).get("which") != "build":
        raise PublishError(f"{run_results_path} is not from `dbt build`; publish only after a full build")
    failures = [
        f"{result['unique_id']} ({result['status']})"
        for result in run_results["results"]
        if result["status"] not in PASSING_STATUSES and not _is_exposure_no_op(result)
    ]
    built_models = {
        result["unique_id"].rsplit(".", 1)[-1]
        for result in run_results["results"]
        if result["unique_id"].startswith("model.") and result["status"] in PASSING_STATUSES
    }
    return run_results["metadata"]["invocation_id"], failures, built_models


def _is_exposure_no_op(result: dict) -> bool:
    """Exposures (models/exposures.yml) are documentation: `dbt build` lists each as `no-op`, never run."""
    return result["unique_id"].startswith("exposure.") and result["status"] == "no-op"


def mart_tables(build: duckdb.DuckDBPyConnection) -> list[str]:
    rows = build.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'marts' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    return [row[0] for row in rows]


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def publish(build_db: Path, run_results_path: Path, serving_dir: Path) -> str:
    invocation_id, failures, built_models = read_run_results(run_results_path)
    if failures:
        shown = ", ".join(failures[:5]) + (" ..." if len(failures) > 5 else "")
        raise PublishError(f"{len(failures)} dbt node(s) did not pass, nothing published: {shown}")
    if not build_db.exists():
        raise PublishError(f"no build database at {build_db}")

    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    version_dir = (serving_dir / "versions" / version).resolve()
    version_dir.mkdir(parents=True)
    staging_database = serving_dir / f".{SERVING_DATABASE}.{version}.tmp"

    with duckdb.connect(str(build_db), read_only=True) as build:
        marts = mart_tables(build)
        if not marts:
            raise PublishError(f"the build database {build_db} has no marts")
        stale = [mart for mart in marts if mart not in built_models]
        if stale:
            raise PublishError(
                f"the last build did not rebuild every mart, nothing published: {', '.join(stale)}"
            )
        row_counts = {}
        for mart in marts:
            target = version_dir / f"{mart}.parquet"
            build.execute(f"copy marts.{_quote(mart)} to {_literal(str(target))} (format parquet)")
            row_counts[mart] = build.execute(f"select count(*) from marts.{_quote(mart)}").fetchall()[0][0]

    with duckdb.connect(str(staging_database)) as serving:
        for mart in marts:
            location = _literal(str(version_dir / f"{mart}.parquet"))
            serving.execute(f"create view {_quote(mart)} as select * from read_parquet({location})")
        serving.execute(
            "create table publish_manifest (version varchar, mart varchar, row_count bigint, "
            "dbt_invocation_id varchar, published_at timestamp)"
        )
        published_at = datetime.now(UTC).replace(tzinfo=None)
        serving.executemany(
            "insert into publish_manifest values (?, ?, ?, ?, ?)",
            [(version, mart, count, invocation_id, published_at) for mart, count in row_counts.items()],
        )
    os.replace(staging_database, serving_dir / SERVING_DATABASE)
    _prune_versions(serving_dir)
    return version


def _prune_versions(serving_dir: Path) -> None:
    versions = sorted((serving_dir / "versions").iterdir())
    for old in versions[:-VERSIONS_TO_KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--build-db", type=Path, default=Path(os.environ.get("DUCKDB_PATH", "warehouse/segmentation.duckdb"))
    )
    parser.add_argument(
        "--run-results",
        type=Path,
        default=Path(os.environ.get("DBT_TARGET_PATH", "target")) / "run_results.json",
    )
    parser.add_argument("--serving-dir", type=Path, default=Path(os.environ.get("SERVING_DIR", "serving")))
    args = parser.parse_args(argv)
    args.serving_dir.mkdir(parents=True, exist_ok=True)
    try:
        version = publish(args.build_db, args.run_results, args.serving_dir)
    except PublishError as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1
    print(f"publish: version {version} is live at {args.serving_dir / SERVING_DATABASE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
