"""The build summary runs against the test warehouse and reports the quarantine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_summary_prints_quarantine_count(warehouse_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "segmentation_tools.summary"],
        env={"DUCKDB_PATH": str(warehouse_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Quarantined raw rows: 0" in result.stdout


def test_summary_fails_clearly_without_a_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "segmentation_tools.summary"],
        env={"DUCKDB_PATH": str(tmp_path / "missing.duckdb"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "run `make demo` first" in result.stderr
