"""Write-audit-publish: copy the tested marts of a build to the serving location BI tools read.

DuckDB allows one writer or many readers, so BI never reads the build database. Publish first proves what it
would publish (DECISIONLOG B-010), and refuses with one line otherwise:
  - target/run_results.json is of a complete `dbt build`: every model, seed, snapshot, data test and unit
    test of the build's own target/manifest.json ran (no --select, --exclude, --resource-type, --empty) and
    passed; a test that warned is refused like one that failed;
  - the build database holds exactly that build: its stamps (build_audit.dbt_invocations, written by the
    on-run-start / on-run-end hooks, macros/build/stamp_build.sql) end with the START and END of the same
    invocation id. A build killed part-way (START without END), a build into another database, or any later
    dbt command into it is refused;
  - every table of the `marts` schema was rebuilt by that build.
Then, holding a read-only connection (so no build can start meanwhile), it:
  1. exports every table of the build's `marts` schema to Parquet in a folder
     `versions/.incomplete-<version>/`, renamed to `<serving_dir>/versions/<version>/` once every file is
     written (for tools that read Parquet rather than DuckDB);
  2. writes a new serving database beside it, self-contained (write_serving_database): one table per mart
     with the table and column comments of the dbt docs, and a `publish_manifest` table (version, mart, row
     count, build invocation id, as-of date, git commit), in a storage format DuckDB 1.x clients read too;
  3. atomically renames that database onto `<serving_dir>/serving.duckdb` (os.replace), so a reader opens
     either the previous complete version or the new complete version, never a mix (a reader that opened the
     previous file keeps reading it until it reconnects);
  4. keeps the last few complete versions. The build already live is not published again (that would push an
     older build's version out of the ones kept).
Nothing is written before the checks pass, and a publish that fails part-way removes what it wrote: the last
good version stays live and keeps its place among the versions kept. One publish runs at a time (a lock file).

Usage: python -m segmentation_tools.publish [--build-db PATH] [--run-results PATH] [--manifest PATH]
                                            [--serving-dir DIR]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from segmentation_tools.database import DatabaseError, DatabaseLocked, connect_read_only, first_line

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
VERSION_PATTERN = re.compile(r"\d{8}T\d{12}Z")
INCOMPLETE_PREFIX = ".incomplete-"
LOCK_FILE = ".publish.lock"
PASSING_STATUSES = {"success", "pass"}  # a `warn` is refused (DECISIONLOG B-011)
# node types every `dbt build` runs (ephemeral models and analyses are only compiled); unit tests come apart
BUILT_RESOURCE_TYPES = {"model", "seed", "snapshot", "test"}
STAMPS_TABLE = "build_audit.dbt_invocations"


class PublishError(Exception):
    """A reason not to publish, printed as one line."""


class AlreadyLive(PublishError):
    """The build is the live version already: nothing to publish, and nothing wrong."""


@dataclass(frozen=True)
class Build:
    invocation_id: str
    built_models: frozenset[str]


def _read_json(path: Path, what: str) -> dict:
    if not path.exists():
        raise PublishError(f"no dbt {what} at {path}: run dbt build first")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PublishError(f"{path} is not a readable dbt {what} ({first_line(error)})") from None


def _shown(items: list[str], limit: int = 5) -> str:
    return ", ".join(items[:limit]) + (f" and {len(items) - limit} more" if len(items) > limit else "")


def read_run_results(run_results_path: Path) -> tuple[dict, str]:
    """target/run_results.json and its invocation id, if it is of a `dbt build`."""
    run_results = _read_json(run_results_path, "run results")
    if run_results.get("args", {}).get("which") != "build":
        raise PublishError(f"{run_results_path} is not from `dbt build`; publish only after a full build")
    return run_results, run_results["metadata"]["invocation_id"]


def check_complete(run_results: dict, run_results_path: Path, manifest_path: Path) -> Build:
    """The build of the run results, if it is a complete `dbt build` whose every node passed."""
    args = run_results.get("args", {})
    invocation_id = run_results["metadata"]["invocation_id"]
    for flag in ("empty", "sample"):
        if args.get(flag):
            raise PublishError(
                f"the last build ran with --{flag}: its marts are not the data; nothing published"
            )
    manifest = _read_json(manifest_path, "manifest")
    if manifest.get("metadata", {}).get("invocation_id") != invocation_id:
        raise PublishError(
            f"{manifest_path} and {run_results_path} are of different dbt invocations: a later dbt command "
            "(source freshness, docs generate, a refused build) rewrote the manifest after the build; "
            "run dbt build again, then publish from its target folder"
        )
    expected = {
        unique_id
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] in BUILT_RESOURCE_TYPES
        and node.get("config", {}).get("materialized") != "ephemeral"
    } | set(manifest.get("unit_tests", {}))
    statuses = {result["unique_id"]: result["status"] for result in run_results["results"]}
    not_run = sorted(expected - statuses.keys())
    if not_run:
        raise PublishError(
            f"the last build ran {len(expected) - len(not_run)} of the project's {len(expected)} models, "
            f"seeds and tests (--select / --exclude): publish needs a complete dbt build; not run: "
            f"{_shown(not_run)}"
        )
    warned = sorted(uid for uid, status in statuses.items() if status == "warn")
    failures = sorted(
        f"{uid} ({status})"
        for uid, status in statuses.items()
        if status not in PASSING_STATUSES and status != "warn" and not _is_exposure_no_op(uid, status)
    )
    if failures:
        raise PublishError(f"{len(failures)} dbt node(s) did not pass, nothing published: {_shown(failures)}")
    if warned:
        raise PublishError(
            f"{len(warned)} dbt test(s) warned, nothing published (a warning is a threshold to look at "
            f"before publishing; to accept it raise its var and rebuild, DECISIONLOG B-011): {_shown(warned)}"
        )
    built_models = frozenset(
        uid.rsplit(".", 1)[-1] for uid, status in statuses.items() if uid.startswith("model.")
    )
    return Build(invocation_id, built_models)


def _is_exposure_no_op(unique_id: str, status: str) -> bool:
    """Exposures (models/exposures.yml) are documentation: `dbt build` lists each as `no-op`, never run."""
    return unique_id.startswith("exposure.") and status == "no-op"


def check_stamps(build: duckdb.DuckDBPyConnection, build_db: Path, invocation_id: str) -> None:
    """The build database's last two stamps are the START and END of `invocation_id`."""
    try:
        stamps = build.execute(
            f"select invocation_id, phase, command, stamped_at from {STAMPS_TABLE} "
            "order by stamped_at, phase desc"
        ).fetchall()
    except duckdb.CatalogException:
        raise PublishError(
            f"the build database {build_db} has no build stamps ({STAMPS_TABLE}): it was not built by this "
            "project's dbt build; rebuild it"
        ) from None
    if not any(stamp[0] == invocation_id for stamp in stamps):
        raise PublishError(
            f"the build database {build_db} was not built by the dbt build of the run results "
            f"({invocation_id}): a build into another database? Publish with the build's DUCKDB_PATH and "
            "DBT_TARGET_PATH"
        )
    last_id, last_phase, last_command, last_at = stamps[-1]
    if last_phase == "START":
        raise PublishError(
            f"dbt {last_command} {last_id}, started {last_at:%Y-%m-%d %H:%M:%S} into {build_db}, did not "
            "finish (killed, or still running): its tables are half-built; nothing published, rebuild"
        )
    if last_id != invocation_id:
        raise PublishError(
            f"dbt {last_command} {last_id} ran into {build_db} after the build of the run results "
            f"({invocation_id}): the database no longer holds what was tested; rebuild, then publish"
        )
    if len(stamps) < 2 or stamps[-2][:2] != (invocation_id, "START"):
        raise PublishError(f"the build stamps of {build_db} do not show one complete run of {invocation_id}")


def _connect_read_only(build_db: Path) -> duckdb.DuckDBPyConnection:
    try:
        return connect_read_only(build_db, "build database")
    except DatabaseLocked as error:
        raise PublishError(f"{error} (a dbt build still running?): nothing published") from None
    except DatabaseError as error:
        raise PublishError(str(error)) from None


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


def publish(
    build_db: Path, run_results_path: Path, serving_dir: Path, manifest_path: Path | None = None
) -> str:
    run_results, invocation_id = read_run_results(run_results_path)
    with _connect_read_only(build_db) as build:
        check_stamps(build, build_db, invocation_id)  # first: a killed or later dbt run rewrites target/ too
        manifest_path = manifest_path or run_results_path.with_name("manifest.json")
        build_run = check_complete(run_results, run_results_path, manifest_path)
        marts = mart_tables(build)
        if not marts:
            raise PublishError(f"the build database {build_db} has no marts")
        stale = [mart for mart in marts if mart not in build_run.built_models]
        if stale:
            raise PublishError(
                f"the last build did not rebuild every mart, nothing published: {', '.join(stale)}"
            )
        with _publish_lock(serving_dir):
            live_version = _live_version_of(serving_dir, build_run.invocation_id)
            if live_version is not None:
                raise AlreadyLive(
                    f"build {build_run.invocation_id} is already live as version {live_version}; "
                    "nothing published"
                )
            return _publish_version(build, build_db, marts, build_run.invocation_id, serving_dir)


def _live_version_of(serving_dir: Path, invocation_id: str) -> str | None:
    """The live version, if the serving database holds the build `invocation_id`. Publishing it again would
    add a copy of it and push an older build's version out of the ones kept. An unreadable serving database
    holds no build: publishing replaces it."""
    try:
        with connect_read_only(serving_dir / SERVING_DATABASE, "serving database") as serving:
            rows = serving.execute(
                "select max(version) from publish_manifest where dbt_invocation_id = ?", [invocation_id]
            ).fetchall()
    except (DatabaseError, duckdb.Error):
        return None
    return rows[0][0]


@contextmanager
def _publish_lock(serving_dir: Path) -> Iterator[None]:
    """One publish at a time per serving folder; its leftovers (a publish killed part-way) are removed."""
    serving_dir.mkdir(parents=True, exist_ok=True)
    with open(serving_dir / LOCK_FILE, "w", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"another publish into {serving_dir} is running") from None
        versions = serving_dir / "versions"
        for leftover in versions.glob(INCOMPLETE_PREFIX + "*") if versions.is_dir() else []:
            shutil.rmtree(leftover, ignore_errors=True)
        for leftover in serving_dir.glob(f".{SERVING_DATABASE}.*.tmp"):
            leftover.unlink(missing_ok=True)
        yield


def _publish_version(
    build: duckdb.DuckDBPyConnection, build_db: Path, marts: list[str], invocation_id: str, serving_dir: Path
) -> str:
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    version_dir = (serving_dir / "versions" / version).resolve()
    incomplete_dir = version_dir.with_name(INCOMPLETE_PREFIX + version)
    staging_database = serving_dir / f".{SERVING_DATABASE}.{version}.tmp"
    live = False
    try:
        incomplete_dir.mkdir(parents=True)
        row_counts = {}
        for mart in marts:
            target = incomplete_dir / f"{mart}.parquet"
            build.execute(f"copy marts.{_quote(mart)} to {_literal(str(target))} (format parquet)")
            row_counts[mart] = build.execute(f"select count(*) from marts.{_quote(mart)}").fetchall()[0][0]
        as_of_date = build_as_of_date(build)
        incomplete_dir.rename(version_dir)
        write_serving_database(
            build_db,
            staging_database,
            marts,
            Manifest(version, invocation_id, as_of_date, git_commit()),
            row_counts,
        )
        os.replace(staging_database, serving_dir / SERVING_DATABASE)
        live = True
    finally:
        if not live:
            shutil.rmtree(incomplete_dir, ignore_errors=True)
            shutil.rmtree(version_dir, ignore_errors=True)
            staging_database.unlink(missing_ok=True)
    _prune_versions(serving_dir)
    return version


def complete_versions(serving_dir: Path) -> list[Path]:
    """The version folders a publish finished, oldest first (an incomplete one is never counted)."""
    versions = serving_dir / "versions"
    if not versions.is_dir():
        return []
    return sorted(
        path
        for path in versions.iterdir()
        if path.is_dir() and VERSION_PATTERN.fullmatch(path.name) and any(path.iterdir())
    )


def _prune_versions(serving_dir: Path) -> None:
    for old in complete_versions(serving_dir)[:-VERSIONS_TO_KEEP]:
        shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--build-db", type=Path, default=Path(os.environ.get("DUCKDB_PATH", "warehouse/segmentation.duckdb"))
    )
    target = Path(os.environ.get("DBT_TARGET_PATH", "target"))
    parser.add_argument("--run-results", type=Path, default=target / "run_results.json")
    parser.add_argument(
        "--manifest", type=Path, default=None, help="default: manifest.json beside the run results"
    )
    parser.add_argument("--serving-dir", type=Path, default=Path(os.environ.get("SERVING_DIR", "serving")))
    args = parser.parse_args(argv)
    try:
        version = publish(args.build_db, args.run_results, args.serving_dir, args.manifest)
    except AlreadyLive as error:
        print(f"publish: {error}")
        return 0
    except PublishError as error:
        print(f"publish: {error}", file=sys.stderr)
        return 1
    except (duckdb.Error, OSError) as error:
        print(f"publish: nothing published: {first_line(error)}", file=sys.stderr)
        return 1
    except Exception as error:  # never a stack trace: one line, and the last good version stays live
        print(
            f"publish: nothing published: {type(error).__name__}: {first_line(error)}",
            file=sys.stderr,
        )
        return 1
    print(f"publish: version {version} is live at {args.serving_dir / SERVING_DATABASE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
