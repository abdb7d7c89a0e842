"""Write-audit-publish: copy the tested marts of a build to the serving location BI tools read.

DuckDB allows one writer or many readers, so BI never reads the build database. After a `dbt build` whose
every node passed (target/run_results.json) and which rebuilt every mart, this:
  1. exports every table of the build's `marts` schema to Parquet in a new version folder
     `<serving_dir>/versions/<version>/` (for tools that read Parquet rather than DuckDB);
  2. writes a new serving database beside it, self-contained (write_serving_database): one table per mart
     with the table and column comments of the dbt docs, and a `publish_manifest` table (version, mart, row
     count, build invocation id, as-of date, git commit), in a storage format DuckDB 1.x clients read too;
  3. atomically renames that database onto `<serving_dir>/serving.duckdb` (os.replace), so a reader opens
     either the previous complete version or the new complete version, never a mix (a reader that opened the
     previous file keeps reading it until it reconnects);
  4. keeps the Parquet folders of the last few versions.
A build with any failed or skipped node publishes nothing and leaves the last good version in place.

Usage: python -m segmentation_tools.publish [--build-db PATH] [--run-results PATH] [--serving-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

SERVING_DATABASE = "serving.duckdb"
# DuckDB 1.4 and later clients (Python, Node, JDBC) open this storage format; 1.x refuses 2.0's default.
SERVING_STORAGE_VERSION = "v1.4.0"
PROJECT = Path(__file__).resolve().parents[1]
MANIFEST_COMMENTS = [
    ("publish_manifest", None, "发布清单 Publish manifest: one row per published mart of the live version"),
    (
        "publish_manifest",
        "version",
        "发布版本 Version: UTC time of the publish, also the folder versions/<version>/",
    ),
    ("publish_manifest", "mart", "数据集市表 Published mart (a table of this database)"),
    ("publish_manifest", "row_count", "行数 Rows of the mart in this version"),
    (
        "publish_manifest",
        "dbt_invocation_id",
        "dbt 调用编号 invocation_id of the dbt build that built and tested it",
    ),
    ("publish_manifest", "as_of_date", "数据日期 As-of date the build segmented"),
    (
        "publish_manifest",
        "git_commit",
        "代码版本 Git commit of the code that built it (-dirty: uncommitted changes)",
    ),
    ("publish_manifest", "published_at", "发布时间 When it was published (UTC)"),
]
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


@dataclass(frozen=True)
class Manifest:
    """What `publish_manifest` says about the published version besides each mart's row count."""

    version: str
    dbt_invocation_id: str
    as_of_date: date | None
    git_commit: str | None


def build_as_of_date(build: duckdb.DuckDBPyConnection) -> date | None:
    """The as-of date the build segmented (customer_segments holds one), or None for a build without it."""
    has_column = build.execute(
        "select count(*) from information_schema.columns where table_schema = 'marts' "
        "and table_name = 'customer_segments' and column_name = 'as_of_date'"
    ).fetchall()[0][0]
    if not has_column:
        return None
    return build.execute("select max(as_of_date) from marts.customer_segments").fetchall()[0][0]


def git_commit() -> str | None:
    """The commit of the code that built the marts, `-dirty` when tracked files had uncommitted changes;
    None outside a git checkout."""
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=40"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return described.stdout.strip() or None if described.returncode == 0 else None


def write_serving_database(
    build_db: Path, target: Path, marts: list[str], manifest: Manifest, row_counts: dict[str, int]
) -> None:
    """A self-contained serving database at `target`: each mart copied as a table, with the table and column
    comments of the build (dbt's persist_docs), and `publish_manifest`. Written in the storage format of
    SERVING_STORAGE_VERSION, so DuckDB 1.x clients (and every later one) open it; no path points outside the
    file, so the serving folder can be moved or mounted anywhere."""
    with duckdb.connect() as connection:
        connection.execute(f"attach {_literal(str(build_db))} as build (read_only)")
        connection.execute(
            f"attach {_literal(str(target))} as serving (storage_version {_literal(SERVING_STORAGE_VERSION)})"
        )
        for mart in marts:
            connection.execute(
                f"create table serving.main.{_quote(mart)} as select * from build.marts.{_quote(mart)}"
            )
        _copy_comments(connection, marts)
        connection.execute(
            "create table serving.main.publish_manifest (version varchar, mart varchar, row_count bigint, "
            "dbt_invocation_id varchar, as_of_date date, git_commit varchar, published_at timestamp)"
        )
        published_at = datetime.now(UTC).replace(tzinfo=None)
        connection.executemany(
            "insert into serving.main.publish_manifest values (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    manifest.version,
                    mart,
                    row_counts[mart],
                    manifest.dbt_invocation_id,
                    manifest.as_of_date,
                    manifest.git_commit,
                    published_at,
                )
                for mart in marts
            ],
        )
        for table, column, comment in MANIFEST_COMMENTS:
            target_object = (
                f"table serving.main.{table}" if column is None else f"column serving.main.{table}.{column}"
            )
            connection.execute(f"comment on {target_object} is {_literal(comment)}")
        connection.execute("detach serving")


def _copy_comments(connection: duckdb.DuckDBPyConnection, marts: list[str]) -> None:
    """COMMENT ON every published table and column that has a comment in the build database."""
    tables = connection.execute(
        "select table_name, comment from duckdb_tables() "
        "where database_name = 'build' and schema_name = 'marts' and comment is not null"
    ).fetchall()
    columns = connection.execute(
        "select table_name, column_name, comment from duckdb_columns() "
        "where database_name = 'build' and schema_name = 'marts' and comment is not null"
    ).fetchall()
    published = set(marts)
    for table, comment in tables:
        if table in published:
            connection.execute(f"comment on table serving.main.{_quote(table)} is {_literal(comment)}")
    for table, column, comment in columns:
        if table in published:
            connection.execute(
                f"comment on column serving.main.{_quote(table)}.{_quote(column)} is {_literal(comment)}"
            )


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
        as_of_date = build_as_of_date(build)

    write_serving_database(
        build_db,
        staging_database,
        marts,
        Manifest(version, invocation_id, as_of_date, git_commit()),
        row_counts,
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
