"""Write-audit-publish on a small fake build (DECISIONLOG B-010): only a complete `dbt build` of this very
database whose every node ran and passed is published, proven by run_results.json, the manifest.json and
the build's own stamps in the database; the switch is atomic; nothing is written before the checks pass and a
publish that fails part-way leaves no version folder behind, so retention counts complete versions only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import publish

MODEL = "model.corporate_segmentation."
ALL_PASS = {f"{MODEL}customer_segments": "success", f"{MODEL}segment_matrix_existing": "success"}
WITH_TESTS = {
    **ALL_PASS,
    "seed.corporate_segmentation.reference_codes": "success",
    "test.corporate_segmentation.exactly_once": "pass",
    "unit_test.corporate_segmentation.customer_segments.a_rule": "pass",
}
COMPLETE = [("inv-1", "START"), ("inv-1", "END")]


def _make_build(
    tmp_path: Path, rows: int, stamps: list[tuple[str, str]] = COMPLETE, invocation: str = "inv-1"
) -> Path:
    build_db = tmp_path / "build.duckdb"
    build_db.unlink(missing_ok=True)
    with duckdb.connect(str(build_db)) as build:
        build.execute("create schema marts")
        build.execute(
            "create table marts.customer_segments as "
            f"select range as party_id, date '2026-09-30' as as_of_date from range({rows})"
        )
        build.execute(f"create table marts.segment_matrix_existing as select {rows} as parties")
        build.execute("create schema build_audit")
        build.execute(
            "create table build_audit.dbt_invocations (invocation_id varchar, phase varchar, "
            "command varchar, "
            "stamped_at timestamp, nodes integer, nodes_not_passed integer)"
        )
        for second, (invocation_id, phase) in enumerate(stamps):
            invocation_id = invocation if invocation_id == "inv-1" else invocation_id
            build.execute(
                "insert into build_audit.dbt_invocations values (?, ?, 'build', "
                "timestamp '2026-09-30 20:00:00' + to_seconds(?), null, null)",
                [invocation_id, phase, second],
            )
    return build_db


def _run_results(
    tmp_path: Path,
    statuses: dict[str, str],
    which: str = "build",
    manifest_nodes: dict[str, str] | None = None,
    manifest_invocation: str | None = None,
    args: dict | None = None,
    invocation: str = "inv-1",
) -> Path:
    """run_results.json of `invocation` with `statuses`, and its manifest.json listing `manifest_nodes`
    (default: the same nodes) of `manifest_invocation` (default: the same invocation)."""
    path = tmp_path / "run_results.json"
    results = [{"unique_id": unique_id, "status": status} for unique_id, status in statuses.items()]
    path.write_text(
        json.dumps(
            {
                "args": {"which": which, **(args or {})},
                "metadata": {"invocation_id": invocation},
                "results": results,
            }
        ),
        encoding="utf-8",
    )
    nodes = statuses if manifest_nodes is None else manifest_nodes
    manifest = {
        "metadata": {"invocation_id": manifest_invocation or invocation},
        "nodes": {
            unique_id: {"resource_type": unique_id.split(".")[0], "config": {"materialized": "table"}}
            for unique_id in nodes
            if unique_id.split(".")[0] in {"model", "seed", "test"}
        },
        "unit_tests": {unique_id: {} for unique_id in nodes if unique_id.startswith("unit_test.")},
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return path


def _serving_counts(serving_dir: Path) -> dict[str, int]:
    with duckdb.connect(str(serving_dir / "serving.duckdb"), read_only=True) as serving:
        return dict(serving.execute("select mart, row_count from publish_manifest").fetchall())


def _refused(tmp_path: Path, build_db: Path, run_results: Path, match: str) -> None:
    serving_dir = tmp_path / "serving"
    with pytest.raises(publish.PublishError, match=match):
        publish.publish(build_db, run_results, serving_dir)
    assert not (serving_dir / "serving.duckdb").exists()
    assert not publish.complete_versions(serving_dir)


def test_a_passing_build_is_published_as_tables_readable_after_the_folder_moved(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    publish.publish(_make_build(tmp_path, 5), _run_results(tmp_path, WITH_TESTS), serving_dir)
    moved = serving_dir.rename(tmp_path / "mounted_elsewhere")
    with duckdb.connect(str(moved / "serving.duckdb"), read_only=True) as serving:
        assert serving.execute("select count(*) from customer_segments").fetchall()[0][0] == 5
        assert serving.execute("select parties from segment_matrix_existing").fetchall()[0][0] == 5
        kinds = serving.execute("select distinct table_type from information_schema.tables").fetchall()
        assert kinds == [("BASE TABLE",)]
    assert _serving_counts(moved) == {"customer_segments": 5, "segment_matrix_existing": 1}


def test_a_failed_build_publishes_nothing_and_keeps_the_last_good_version(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    publish.publish(_make_build(tmp_path, 5), _run_results(tmp_path, ALL_PASS), serving_dir)
    failing = {**ALL_PASS, "test.corporate_segmentation.exactly_once": "fail"}
    build_db = _make_build(tmp_path, 7)
    with pytest.raises(publish.PublishError, match="did not pass"):
        publish.publish(build_db, _run_results(tmp_path, failing), serving_dir)
    assert _serving_counts(serving_dir)["customer_segments"] == 5
    assert len(publish.complete_versions(serving_dir)) == 1


def test_a_warning_is_refused_like_a_failure(tmp_path: Path) -> None:
    warned = {**WITH_TESTS, "test.corporate_segmentation.rejected_share_below_warn_threshold": "warn"}
    _refused(tmp_path, _make_build(tmp_path, 5), _run_results(tmp_path, warned), "1 dbt test.s. warned")


def test_a_build_without_its_tests_is_refused(tmp_path: Path) -> None:
    """`dbt build --exclude resource_type:test` (or test_type:unit): every model passed, no test ran."""
    untested = {
        uid: status for uid, status in WITH_TESTS.items() if not uid.startswith(("test.", "unit_test."))
    }
    run_results = _run_results(tmp_path, untested, manifest_nodes=WITH_TESTS)
    _refused(tmp_path, _make_build(tmp_path, 5), run_results, r"ran 3 of the project's 5 .* not run: test\.")


def test_a_partial_build_is_refused(tmp_path: Path) -> None:
    """`dbt build --select customer_segments`: the other nodes of the manifest did not run."""
    partial = {f"{MODEL}customer_segments": "success"}
    run_results = _run_results(tmp_path, partial, manifest_nodes=WITH_TESTS)
    _refused(tmp_path, _make_build(tmp_path, 5), run_results, "publish needs a complete dbt build")


def test_a_mart_the_build_did_not_rebuild_is_refused(tmp_path: Path) -> None:
    partial = {f"{MODEL}customer_segments": "success"}
    _refused(tmp_path, _make_build(tmp_path, 5), _run_results(tmp_path, partial), "segment_matrix_existing")


def test_run_results_of_another_command_are_refused(tmp_path: Path) -> None:
    run_results = _run_results(tmp_path, ALL_PASS, which="run")
    _refused(tmp_path, _make_build(tmp_path, 1), run_results, "not from `dbt build`")


def test_an_empty_build_is_refused(tmp_path: Path) -> None:
    run_results = _run_results(tmp_path, WITH_TESTS, args={"empty": True})
    _refused(tmp_path, _make_build(tmp_path, 1), run_results, "--empty")


def test_a_manifest_of_another_invocation_is_refused(tmp_path: Path) -> None:
    run_results = _run_results(tmp_path, WITH_TESTS, manifest_invocation="inv-0")
    _refused(tmp_path, _make_build(tmp_path, 1), run_results, "different dbt invocations")


def test_a_killed_build_is_refused(tmp_path: Path) -> None:
    """inv-1 passed and wrote run_results.json; inv-2 started into the same database and was killed."""
    build_db = _make_build(tmp_path, 5, [*COMPLETE, ("inv-2", "START")])
    _refused(tmp_path, build_db, _run_results(tmp_path, WITH_TESTS), "inv-2, started .* did not finish")


def test_a_build_into_another_database_is_refused(tmp_path: Path) -> None:
    build_db = _make_build(tmp_path, 5, [("inv-9", "START"), ("inv-9", "END")])
    _refused(tmp_path, build_db, _run_results(tmp_path, WITH_TESTS), "not built by the dbt build")


def test_a_later_dbt_command_into_the_database_is_refused(tmp_path: Path) -> None:
    build_db = _make_build(tmp_path, 5, [*COMPLETE, ("inv-2", "START"), ("inv-2", "END")])
    _refused(tmp_path, build_db, _run_results(tmp_path, WITH_TESTS), "inv-2 ran into")


def test_a_database_without_stamps_is_refused(tmp_path: Path) -> None:
    build_db = _make_build(tmp_path, 5)
    with duckdb.connect(str(build_db)) as build:
        build.execute("drop table build_audit.dbt_invocations")
    _refused(tmp_path, build_db, _run_results(tmp_path, WITH_TESTS), "no build stamps")


def test_old_versions_are_pruned_but_recent_ones_kept(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    for rows in range(1, 6):
        invocation = f"inv-{rows}"
        publish.publish(
            _make_build(tmp_path, rows, invocation=invocation),
            _run_results(tmp_path, ALL_PASS, invocation=invocation),
            serving_dir,
        )
    assert len(list((serving_dir / "versions").iterdir())) == publish.VERSIONS_TO_KEEP
    assert _serving_counts(serving_dir)["customer_segments"] == 5


def _lock_holder(build_db: Path) -> subprocess.Popen:
    """Another process holding the build database open for writing, as a running dbt build does."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"connection = duckdb.connect({str(build_db)!r})\n"
            "print('locked', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def _main(build_db: Path, run_results: Path, serving_dir: Path) -> int:
    return publish.main(
        ["--build-db", str(build_db), "--run-results", str(run_results), "--serving-dir", str(serving_dir)]
    )


def test_failed_publishes_leave_nothing_and_retention_counts_complete_versions_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three good versions; then a publish of a locked build database, one that fails half-way through the
    export, and a folder left by a publish killed part-way; the next good publish must delete only the oldest
    good version, and each failure is one line on stderr."""
    serving_dir = tmp_path / "serving"
    for rows in (1, 2, 3):
        invocation = f"inv-{rows}"
        run_results = _run_results(tmp_path, WITH_TESTS, invocation=invocation)
        assert _main(_make_build(tmp_path, rows, invocation=invocation), run_results, serving_dir) == 0
    good = publish.complete_versions(serving_dir)
    assert len(good) == 3
    capsys.readouterr()

    build_db = _make_build(tmp_path, 4, invocation="inv-4")
    run_results = _run_results(tmp_path, WITH_TESTS, invocation="inv-4")
    holder = _lock_holder(build_db)
    try:
        assert _main(build_db, run_results, serving_dir) == 1
    finally:
        holder.communicate("")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "locked by another process" in err, err

    real_mart_tables = publish.mart_tables
    monkeypatch.setattr(publish, "mart_tables", lambda build: [*real_mart_tables(build), "vanished_mart"])
    assert _main(build_db, run_results, serving_dir) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    monkeypatch.undo()
    assert publish.complete_versions(serving_dir) == good
    assert sorted(path.name for path in (serving_dir / "versions").iterdir()) == [path.name for path in good]

    (serving_dir / "versions" / f"{publish.INCOMPLETE_PREFIX}20990101T000000000000Z").mkdir()
    assert _main(build_db, run_results, serving_dir) == 0
    kept = publish.complete_versions(serving_dir)
    assert kept[:2] == good[1:] and len(kept) == 3
    assert sorted(path.name for path in (serving_dir / "versions").iterdir()) == [path.name for path in kept]
    assert _serving_counts(serving_dir)["customer_segments"] == 4


def test_main_reports_a_refusal_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _main(tmp_path / "none.duckdb", tmp_path / "none.json", tmp_path / "serving")
    assert code == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_main_reports_unreadable_run_results_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_results = tmp_path / "run_results.json"
    run_results.write_text('{"args": {"which": "bu', encoding="utf-8")  # a build killed while writing it
    assert _main(_make_build(tmp_path, 1), run_results, tmp_path / "serving") == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a readable dbt run results" in err


def test_exposures_listed_as_no_op_by_dbt_build_do_not_block_a_publish(tmp_path: Path) -> None:
    serving_dir = tmp_path / "serving"
    statuses = {**ALL_PASS, "exposure.corporate_segmentation.segment_dashboard": "no-op"}
    publish.publish(_make_build(tmp_path, 3), _run_results(tmp_path, statuses), serving_dir)
    assert _serving_counts(serving_dir)["customer_segments"] == 3
    statuses[f"{MODEL}other"] = "no-op"
    with pytest.raises(publish.PublishError, match=r"model\.corporate_segmentation\.other"):
        publish.publish(
            _make_build(tmp_path, 4, invocation="inv-2"),
            _run_results(tmp_path, statuses, invocation="inv-2"),
            serving_dir,
        )


def test_comments_and_the_manifest_reach_the_serving_database_in_the_1_4_storage_format(
    tmp_path: Path,
) -> None:
    build_db = _make_build(tmp_path, 2)
    with duckdb.connect(str(build_db)) as build:
        build.execute("comment on table marts.customer_segments is '客户细分 Customer segments'")
        build.execute("comment on column marts.customer_segments.party_id is '客户编号 Party id'")
    serving_dir = tmp_path / "serving"
    version = publish.publish(build_db, _run_results(tmp_path, WITH_TESTS), serving_dir)
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


def test_the_build_already_live_is_not_published_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Publishing the live build again adds no version, so it cannot push other builds' versions out of the
    three kept; it says so in one line and exits 0."""
    serving_dir = tmp_path / "serving"
    for rows in (1, 2):
        invocation = f"inv-{rows}"
        run_results = _run_results(tmp_path, WITH_TESTS, invocation=invocation)
        assert _main(_make_build(tmp_path, rows, invocation=invocation), run_results, serving_dir) == 0
    versions = publish.complete_versions(serving_dir)
    capsys.readouterr()
    for _ in range(3):
        assert _main(tmp_path / "build.duckdb", run_results, serving_dir) == 0
        out = capsys.readouterr().out
        assert out.count("\n") == 1 and f"build inv-2 is already live as version {versions[-1].name}" in out
    assert publish.complete_versions(serving_dir) == versions
    assert _serving_counts(serving_dir)["customer_segments"] == 2
