"""The build summary runs against the test warehouse and reports the quarantine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb


def test_summary_prints_quarantine_count(warehouse_path: Path) -> None:
    result = _summary(warehouse_path)
    assert result.returncode == 0, result.stderr
    assert "Quarantined raw rows: 0" in result.stdout


def test_summary_fails_clearly_without_a_database(tmp_path: Path) -> None:
    result = _summary(tmp_path / "missing.duckdb")
    assert result.returncode == 1
    assert "run `make demo` first" in result.stderr


def _summary(database: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "segmentation_tools.summary"],
        env={"DUCKDB_PATH": str(database), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_what_is_not_a_build_database_gets_one_line(tmp_path: Path) -> None:
    """A Parquet file, a text file, an empty file, a folder and a database without a build: exit 1 and one
    line naming the file, never a traceback (DECISIONLOG Q-017)."""
    parquet = tmp_path / "part-0.parquet"
    duckdb.sql(f"copy (select 1 as customer_id) to '{parquet}' (format parquet)")
    text = tmp_path / "README.md"
    text.write_text("# not a database\n")
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    folder = tmp_path / "folder"
    folder.mkdir()
    no_build = tmp_path / "no_build.duckdb"
    duckdb.connect(str(no_build)).close()
    expected = {
        parquet: "is not a DuckDB database file",
        text: "is not a DuckDB database file",
        empty: "is not a DuckDB database file",
        folder: "is not a DuckDB database file",
        no_build: "holds no build (staging.stg_bank__rejections is missing)",
    }
    for database, cause in expected.items():
        result = _summary(database)
        assert result.returncode == 1, (database, result.stdout)
        assert result.stderr.count("\n") == 1 and cause in result.stderr, (database, result.stderr)
        assert str(database) in result.stderr


def test_a_database_a_build_holds_gets_one_line_without_the_demo_hint(tmp_path: Path) -> None:
    database = tmp_path / "building.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); c.execute('create table t (i int)'); "
            "print('ready', flush=True); time.sleep(60)",
            str(database),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        result = _summary(database)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert result.stderr == f"summary: the build database {database} is locked by another process\n"
