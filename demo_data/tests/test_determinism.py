"""Same arguments -> byte-identical files; another seed -> different data; worker count does not matter."""

from __future__ import annotations

import hashlib
from pathlib import Path

from demo_data import Config, generate
from demo_data.__main__ import main

from .conftest import SMALL


def _digests(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*.parquet"))
    }


def test_same_arguments_give_identical_files(small_run, tmp_path):
    first, _ = small_run
    again = tmp_path / "again"
    generate(Config(out=again, chunk_size=70, quiet=True, **SMALL))
    assert _digests(first) == _digests(again)


def test_worker_processes_do_not_change_output(small_run, tmp_path):
    first, _ = small_run
    parallel = tmp_path / "parallel"
    generate(Config(out=parallel, chunk_size=70, quiet=True, jobs=2, **SMALL))
    assert _digests(first) == _digests(parallel)


def test_other_seed_differs(small_run, tmp_path):
    first, _ = small_run
    other = tmp_path / "other"
    generate(Config(out=other, chunk_size=70, quiet=True, **{**SMALL, "seed": 8}))
    a, b = _digests(first), _digests(other)
    assert a.keys() == b.keys()
    for table in ("customers", "loans", "deposit_balances", "fx_rates", "prospects"):
        assert a[f"{table}/part-00000.parquet"] != b[f"{table}/part-00000.parquet"], table


def test_cli_removes_stale_parts_and_prints_summary(tmp_path, capsys):
    out = tmp_path / "cli"
    stale = out / "customers" / "part-00042.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"stale")
    keep = out / "customers" / "notes.txt"
    keep.write_text("not a part file")
    rc = main(["--out", str(out), "--customers", "30", "--months", "2", "--seed", "3", "--quiet"])
    assert rc == 0
    assert not stale.exists()
    assert keep.exists()
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith("rows: customers=30 ")
    assert "prospects=6 " in line  # default prospects = customers // 5


def test_cli_rejects_bad_arguments(tmp_path, capsys):
    assert main(["--out", str(tmp_path / "x"), "--customers", "0", "--quiet"]) == 2
    assert "error:" in capsys.readouterr().err
