"""Benchmark of `dbt build`: wall time, peak RSS and rows, once per as-of date.

Builds the warehouse from a raw directory (default ``/tmp/bench100k``: 100,000 customers x 24 months,
generated with ``python -m demo_data`` when it is missing) into a scratch DuckDB file, once per as-of date,
and writes a Markdown report (default ``benchmarks/reports/build.md``)::

    .venv/bin/python benchmarks/bench_build.py                                  # whole project, last date
    .venv/bin/python benchmarks/bench_build.py --as-of 2026-09-30 2026-08-31
    .venv/bin/python benchmarks/bench_build.py --select +customer_profitability --raw-dir data/dev

Peak RSS is ``ru_maxrss`` of the one dbt process of each run (``os.wait4``): dbt, its threads and the embedded
DuckDB engine live in that process. The slowest nodes come from dbt's ``run_results.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORT = ROOT / "benchmarks" / "reports" / "build.md"
DBT = ROOT / ".venv" / "bin" / "dbt"

RAW_TABLES = [
    "customers", "customer_tags", "strategic_list", "loans", "loan_balances", "deposit_accounts",
    "deposit_balances", "account_activity", "fees", "cost_pools", "ftp_curve", "fx_rates", "prospects",
]  # fmt: skip

# Relations whose row counts go into the report (those that exist after the build).
COUNTED_RELATIONS = [
    "intermediate.int_loan_balances_aggregated_to_months",
    "intermediate.int_deposit_balances_aggregated_to_months",
    "intermediate.int_customers_balances_summarised",
    "intermediate.int_customer_months_measured_by_cost_driver",
    "intermediate.int_cost_pools_allocated_to_customers",
    "marts.customer_profitability",
    "marts.unallocated_operating_cost",
    "marts.customer_segments",
]


def machine() -> dict[str, str]:
    info = {"nproc": str(len(os.sched_getaffinity(0))), "cpu": platform.processor() or platform.machine()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram"] = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
                break
    except OSError:
        pass
    info["python"] = platform.python_version()
    info["os"] = platform.platform()
    return info


def raw_rows(raw_dir: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    rows = {}
    for table in RAW_TABLES:
        parts = sorted((raw_dir / table).glob("*.parquet"))
        rows[table] = sum(pq.ParquetFile(p).metadata.num_rows for p in parts)
    return rows


def ensure_raw(args: argparse.Namespace) -> None:
    if (args.raw_dir / "loan_balances").is_dir():
        return
    if args.no_generate:
        raise SystemExit(f"{args.raw_dir} has no raw data and --no-generate was given")
    cmd = [
        sys.executable, "-m", "demo_data", "--out", str(args.raw_dir), "--customers", str(args.customers),
        "--months", str(args.months), "--seed", str(args.seed), "--quiet",
    ]  # fmt: skip
    print("generating:", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def run_build(args: argparse.Namespace, as_of: str | None, paths: dict[str, Path]) -> dict:
    dbt_vars = {"raw_data_dir": str(args.raw_dir)}
    if as_of:
        dbt_vars["as_of_date"] = as_of
    cmd = [str(DBT), "build", "--profiles-dir", "profiles", "--vars", json.dumps(dbt_vars)]
    if args.select:
        cmd += ["--select", *args.select]
    if args.indirect_selection:
        cmd += ["--indirect-selection", args.indirect_selection]
    env = dict(
        os.environ,
        DUCKDB_PATH=str(paths["db"]),
        DBT_TARGET_PATH=str(paths["target"]),
        DBT_LOG_PATH=str(paths["logs"]),
    )
    log_file = paths["logs"] / f"build_{as_of or 'default'}.out"
    paths["logs"].mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log_file.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    returncode = os.waitstatus_to_exitcode(status)
    output = log_file.read_text(errors="replace")
    done = re.findall(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+.*)", output)
    return {
        "as_of": as_of or "(last balance date)",
        "wall_s": wall,
        "peak_rss_mib": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "returncode": returncode,
        "summary": done[-1].strip() if done else "no summary (see log)",
        "log": str(log_file),
        "slowest": slowest_nodes(paths["target"] / "run_results.json", args.top),
        "rows": relation_rows(paths["db"]),
        "db_mib": paths["db"].stat().st_size / 1024**2 if paths["db"].exists() else 0.0,
    }


def slowest_nodes(run_results: Path, top: int) -> list[tuple[str, float, str]]:
    if not run_results.exists():
        return []
    results = json.loads(run_results.read_text())["results"]
    nodes = [(r["unique_id"].split(".", 2)[-1], r["execution_time"], r["status"]) for r in results]
    return sorted(nodes, key=lambda n: n[1], reverse=True)[:top]


def relation_rows(db: Path) -> dict[str, int | None]:
    import duckdb

    counts: dict[str, int | None] = {}
    if not db.exists():
        return counts
    with duckdb.connect(str(db), read_only=True) as con:
        existing = {
            f"{schema}.{name}"
            for schema, name in con.sql("select schema_name, table_name from duckdb_tables()").fetchall()
        }
        for relation in COUNTED_RELATIONS:
            if relation in existing:
                counts[relation] = con.execute(f"select count(*) from {relation}").fetchone()[0]
        if "marts.customer_profitability" in existing:
            counts["as_of_date"] = str(
                con.execute("select max(as_of_date) from marts.customer_profitability").fetchone()[0]
            )
    return counts


def report(args: argparse.Namespace, raw: dict[str, int], runs: list[dict]) -> str:
    m = machine()
    select = " ".join(args.select) if args.select else "(whole project)"
    if args.select and args.indirect_selection:
        select += f" --indirect-selection {args.indirect_selection}"
    lines = [
        "# `dbt build` benchmark",
        "",
        f"Generated by `benchmarks/bench_build.py` on {dt.date.today().isoformat()}.",
        "",
        "## Machine",
        "",
        f"- CPUs available (nproc): {m['nproc']} - {m['cpu']}",
        f"- RAM: {m.get('ram', 'unknown')}; DuckDB memory_limit "
        f"{os.environ.get('DUCKDB_MEMORY_LIMIT', '8GB')}, dbt threads 2 (profiles/profiles.yml)",
        f"- Python {m['python']}; {m['os']}",
        "",
        "## Input",
        "",
        f"Raw directory `{args.raw_dir}` ({sum(raw.values()):,} raw rows); selection: `{select}`.",
        "",
        "| raw table | rows |",
        "|---|---:|",
    ]
    lines += [f"| {table} | {rows:,} |" for table, rows in raw.items()]
    lines += [
        "",
        "## Builds (one per as-of date, same database file, tables replaced)",
        "",
        "| as-of date | wall time | CPU time | peak RSS | dbt result | customer_profitability rows "
        "| database size |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for r in runs:
        profit_rows = r["rows"].get("marts.customer_profitability")
        lines.append(
            f"| {r['as_of']} | {r['wall_s']:.1f} s | {r['cpu_s']:.1f} s | {r['peak_rss_mib']:,.0f} MiB "
            f"| {r['summary']} | {profit_rows if profit_rows is None else f'{profit_rows:,}'} "
            f"| {r['db_mib']:,.0f} MiB |"
        )
    for r in runs:
        lines += ["", f"### As-of {r['as_of']}", "", "| relation | rows |", "|---|---:|"]
        lines += [f"| {rel} | {n:,} |" for rel, n in r["rows"].items() if isinstance(n, int)]
        lines += [
            "",
            f"Slowest {len(r['slowest'])} nodes:",
            "",
            "| node | seconds | status |",
            "|---|---:|---|",
        ]
        lines += [f"| {node} | {secs:.1f} | {status} |" for node, secs, status in r["slowest"]]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=Path("/tmp/bench100k"))
    parser.add_argument("--customers", type=int, default=100_000, help="when generating the raw data")
    parser.add_argument("--months", type=int, default=24, help="when generating the raw data")
    parser.add_argument("--seed", type=int, default=42, help="when generating the raw data")
    parser.add_argument("--no-generate", action="store_true", help="fail instead of generating missing data")
    parser.add_argument("--as-of", nargs="*", default=[None], help="as-of dates; none = last balance date")
    parser.add_argument("--select", nargs="*", default=None, help="dbt --select arguments; none = everything")
    parser.add_argument(
        "--indirect-selection",
        choices=["eager", "cautious", "buildable", "empty"],
        default=None,
        help="dbt --indirect-selection with --select (cautious: only tests whose parents are all selected)",
    )
    parser.add_argument("--top", type=int, default=12, help="slowest nodes listed per run")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--workdir", type=Path, default=None, help="parent of the scratch database directory")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database directory")
    args = parser.parse_args(argv)
    args.raw_dir = args.raw_dir.resolve()

    ensure_raw(args)
    raw = raw_rows(args.raw_dir)
    scratch = Path(tempfile.mkdtemp(prefix="bench_build_", dir=args.workdir))
    paths = {"db": scratch / "bench.duckdb", "target": scratch / "target", "logs": scratch / "logs"}
    runs = []
    try:
        for as_of in args.as_of or [None]:
            run = run_build(args, as_of, paths)
            runs.append(run)
            print(
                f"as_of={run['as_of']}: {run['wall_s']:.1f} s wall, {run['peak_rss_mib']:,.0f} MiB peak RSS, "
                f"{run['summary']}",
                flush=True,
            )
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(report(args, raw, runs), encoding="utf-8")
    finally:
        if args.keep:
            print(f"scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"report written to {args.report}")
    return 0 if all(r["returncode"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
