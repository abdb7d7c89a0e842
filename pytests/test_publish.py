"""Write-audit-publish on a small fake build: only a fully passing build that rebuilt every mart is published,
the switch is atomic, and a failed build leaves the last good version in place."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import publish


def _make_build(tmp_path: Path, rows: int) -> Path:
    build_db = tmp_path / "build.duckdb"
    build_db.unlink(missing_ok=True)
    with duckdb.connect(str(build_db)) as build:
        build.execute("create schema marts")
        build.execute(
            "create table marts.customer_segments as "
            f"select range as party_id, date '2026-09-30' as as_of_date from range({rows})"
        )
        build.execute(f"create table marts.segment_matrix_existing as select {rows} as parties")
    return build_db


def _run_results(tmp_path: Path, statuses: dict[str, str], which: str = "build") -> Path:
    path = tmp_path / "run_results.json"
    results = [
        {"unique_id": f"model.corporate_segmentation.{name}", "status": status}
        for name, status in statuses.items()
    ]
    path.write_text(
        json.dumps({"args": {"which": which}, "metadata": {"invocation_id": "inv-1"}, "results": results}),
        encoding="utf-8",
    )
    return path


ALL_PASS = {"customer_segments": "success", "segment_matrix_existing": "success"}


def _serving_counts(serving_dir: Path) -> dict[str, int]:
    with duckdb.connect(str(serving_dir / "serving.duckdb"), read_only=True) as serving:
        return dict(serving.execute("select mart, row_count from publish_manifest").fetchall())


def test_a_passing_build_is_published_as_tables_readable_after_the_folder_moved(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    serving_dir.mkdir()
    publish.publish(_make_build(tmp_path, 5), _run_results(tmp_path, ALL_PASS), serving_dir)
    moved = serving_dir.rename(tmp_path / "mounted_elsewhere")
    with duckdb.connect(str(moved / "serving.duckdb"), read_only=True) as serving:
        assert serving.execute("select count(*) from customer_segments").fetchall()[0][0] == 5
        assert serving.execute("select parties from segment_matrix_existing").fetchall()[0][0] == 5
        kinds = serving.execute("select distinct table_type from information_schema.tables").fetchall()
        assert kinds == [("BASE TABLE",)]
    assert _serving_counts(moved) == {"customer_segments": 5, "segment_matrix_existing": 1}


def test_a_failed_build_publishes_nothing_and_keeps_the_last_good_version(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    serving_dir.mkdir()
    publish.publish(_make_build(tmp_path, 5), _run_results(tmp_path, ALL_PASS), serving_dir)
    failing = {**ALL_PASS, "test.corporate_segmentation.exactly_once": "fail"}
    build_db = _make_build(tmp_path, 7)
    with pytest.raises(publish.PublishError, match="did not pass"):
        publish.publish(build_db, _run_results(tmp_path, failing), serving_dir)
    assert _serving_counts(serving_dir)["customer_segments"] == 5


def test_a_partial_build_that_did_not_rebuild_every_mart_is_refused(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    serving_dir.mkdir()
    partial = {"customer_segments": "success"}
    with pytest.raises(publish.PublishError, match="segment_matrix_existing"):
        publish.publish(_make_build(tmp_path, 5), _run_results(tmp_path, partial), serving_dir)
    assert not (serving_dir / "serving.duckdb").exists()


def test_run_results_of_another_command_are_refused(tmp_path: Path) -> None:
    with pytest.raises(publish.PublishError, match="not from `dbt build`"):
        publish.publish(_make_build(tmp_path, 1), _run_results(tmp_path, ALL_PASS, which="run"), tmp_path)


def test_old_versions_are_pruned_but_recent_ones_kept(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    serving_dir.mkdir()
    for rows in range(1, 6):
        publish.publish(_make_build(tmp_path, rows), _run_results(tmp_path, ALL_PASS), serving_dir)
    assert len(list((serving_dir / "versions").iterdir())) == publish.VERSIONS_TO_KEEP
    assert _serving_counts(serving_dir)["customer_segments"] == 5


def test_main_reports_a_refusal_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = publish.main(
        [
            "--build-db",
            str(tmp_path / "none.duckdb"),
            "--run-results",
            str(tmp_path / "none.json"),
            "--serving-dir",
            str(tmp_path / "serving"),
        ]
    )
    assert code == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_exposures_listed_as_no_op_by_dbt_build_do_not_block_a_publish(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    serving_dir.mkdir()
    statuses = {**ALL_PASS}
    run_results = _run_results(tmp_path, statuses)
    payload = json.loads(run_results.read_text(encoding="utf-8"))
    payload["results"].append(
        {"unique_id": "exposure.corporate_segmentation.segment_dashboard", "status": "no-op"}
    )
    run_results.write_text(json.dumps(payload), encoding="utf-8")
    publish.publish(_make_build(tmp_path, 3), run_results, serving_dir)
    assert _serving_counts(serving_dir)["customer_segments"] == 3
    payload["results"].append({"unique_id": "model.corporate_segmentation.other", "status": "no-op"})
    run_results.write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(publish.PublishError, match=r"model\.corporate_segmentation\.other"):
        publish.publish(_make_build(tmp_path, 4), run_results, serving_dir)


def test_comments_and_the_manifest_reach_the_serving_database_in_the_1_4_storage_format(
    tmp_path: Path,
) -> None:
    build_db = _make_build(tmp_path, 2)
    with duckdb.connect(str(build_db)) as build:
        build.execute("comment on table marts.customer_segments is '客户细分 Customer segments'")
        build.execute("comment on column marts.customer_segments.party_id is '客户编号 Party id'")
    serving_dir = tmp_path / "serving"
    serving_dir.mkdir()
    version = publish.publish(build_db, _run_results(tmp_path, ALL_PASS), serving_dir)
    with duckdb.connect() as reader:
        reader.execute(f"attach '{serving_dir / 'serving.duckdb'}' as serving (read_only)")
        tags = reader.execute(
            "select tags from duckdb_databases() where database_name = 'serving'"
        ).fetchall()
        assert tags[0][0]["storage_version"].startswith(publish.SERVING_STORAGE_VERSION)
        table_comment = reader.execute(
            "select comment from duckdb_tables() "
            "where database_name = 'serving' and table_name = 'customer_segments'"
        ).fetchall()
        column_comment = reader.execute(
            "select comment from duckdb_columns() where database_name = 'serving' "
            "and table_name = 'customer_segments' and column_name = 'party_id'"
        ).fetchall()
        manifest = reader.execute(
            "select distinct version, as_of_date::varchar, git_commit from serving.publish_manifest"
        ).fetchall()
    assert table_comment == [("客户细分 Customer segments",)]
    assert column_comment == [("客户编号 Party id",)]
    assert manifest == [(version, "2026-09-30", publish.git_commit())]
    assert len(manifest[0][2]) >= 40, "the git commit is recorded in full"
