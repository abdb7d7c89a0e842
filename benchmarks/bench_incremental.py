"""Benchmark of adding a month (issue 6): a full build of one as-of date vs building the next month-end.

On a scratch database and a raw directory (default ``/tmp/bench100k``: 100,000 customers x 24 months,
generated with ``python -m demo_data`` when missing), three dbt builds run one after the other:

1. ``full``: ``dbt build`` of the whole project for the first as-of date into an empty database (every staging
   table, every calendar month of both windows aggregated into the stores, every test);
2. ``next month``: ``dbt build`` of the whole project for the next month-end, as after a new monthly extract:
   staging re-reads and re-validates every raw row, the calendar-month stores aggregate only the new month;
3. ``next month, staging reused``: ``dbt build --select int_evaluation_window+`` for the month-end after that,
   which is what ``make backfill`` runs after its first month (the raw files did not change).

A probe then times DuckDB reading the raw ``deposit_balances`` files: a full scan, a one-month scan, and the
duplicate-key check over every row vs one month's rows - the cost structure that decides what "reading only
the new month" can save with the raw layout. The report (default ``benchmarks/reports/incremental.md``) gives
wall time, CPU time and peak RSS per build, node seconds per group (staging, balance aggregates, the rest)
from ``run_results.json``, and the months each build added to the stores::

    .venv/bin/python benchmarks/bench_incremental.py            # 100k customers, 2026-07-31 and 2 months
    .venv/bin/python benchmarks/bench_incremental.py --raw-dir data/dev --first-as-of 2026-07-31
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import machine, raw_rows  # the sibling benchmark script

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORT = ROOT / "benchmarks" / "reports" / "incremental.md"
DBT = ROOT / ".venv" / "bin" / "dbt"
STORES = [
    "intermediate.int_loan_balances_aggregated_to_calendar_months",
    "intermediate.int_deposit_balances_aggregated_to_calendar_months",
]
BALANCE_AGGREGATES = {
    "int_calendar_months_matched_to_windows",
    "int_loan_balances_aggregated_to_calendar_months",
    "int_deposit_balances_aggregated_to_calendar_months",
    "int_loan_balances_aggregated_to_months",
    "int_deposit_balances_aggregated_to_months",
}


def next_month_end(day: dt.date) -> dt.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def node_groups(manifest_path: Path) -> dict[str, str]:
    """unique_id -> STAGING (seeds, staging models and tests only on them), BALANCE_AGGREGATES (the stores and
    window models, and their tests) or REST."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    sources = set(manifest.get("sources", {}))

    def own_group(uid: str) -> str | None:
        node = nodes.get(uid, {})
        if node.get("resource_type") == "seed":
            return "STAGING"
        if node.get("resource_type") == "model":
            if node["name"] in BALANCE_AGGREGATES:
                return "BALANCE_AGGREGATES"
            return "STAGING" if "/staging/" in "/" + node.get("original_file_path", "") else "REST"
        return None

    groups = {}
    for uid, node in nodes.items():
        group = own_group(uid)
        if group is None:  # a test: its model parents decide
            parents = [p for p in node.get("depends_on", {}).get("nodes", []) if p not in sources]
            parent_groups = {own_group(p) for p in parents} - {None}
            if parent_groups == {"STAGING"}:
                group = "STAGING"
            elif "BALANCE_AGGREGATES" in parent_groups and parent_groups <= {"STAGING", "BALANCE_AGGREGATES"}:
                group = "BALANCE_AGGREGATES"
            else:
                group = "REST"
        groups[uid] = group
    return groups


def store_months(db: Path, as_of: str) -> dict[str, tuple[int, int]]:
    """Per store: (months stored by this as-of date's build, rows it added)."""
    import duckdb

    counts = {}
    with duckdb.connect(str(db), read_only=True) as connection:
        for store in STORES:
            try:
                months, rows = connection.execute(
                    f"select count(distinct balance_month), count(*) from {store} "
                    "where stored_by_as_of_date = ?",
                    [as_of],
                ).fetchall()[0]
            except duckdb.CatalogException:  # the build failed before creating the store
                months, rows = 0, 0
            counts[store.split(".")[1]] = (months, rows)
    return counts


def run_build(label: str, as_of: str, select: list[str] | None, args, paths: dict[str, Path]) -> dict:
    dbt_vars = json.dumps({"raw_data_dir": str(args.raw_dir), "as_of_date": as_of})
    cmd = [str(DBT), "build", "--profiles-dir", "profiles", "--vars", dbt_vars]
    if select:
        cmd += ["--select", *select]
    if args.exclude:
        cmd += ["--exclude", *args.exclude]
    env = dict(
        os.environ,
        DUCKDB_PATH=str(paths["db"]),
        DBT_TARGET_PATH=str(paths["target"]),
        DBT_LOG_PATH=str(paths["logs"]),
    )
    paths["logs"].mkdir(parents=True, exist_ok=True)
    log_file = paths["logs"] / f"build_{as_of}.out"
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with log_file.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    output = log_file.read_text(errors="replace")
    done = re.findall(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+)", output)
    run_results = json.loads((paths["target"] / "run_results.json").read_text(encoding="utf-8"))["results"]
    groups = node_groups(paths["target"] / "manifest.json")
    group_seconds: dict[str, float] = {"STAGING": 0.0, "BALANCE_AGGREGATES": 0.0, "REST": 0.0}
    for result in run_results:
        group = groups.get(result["unique_id"], "REST")
        group_seconds[group] += result["execution_time"]
    aggregates = {
        result["unique_id"].rsplit(".", 1)[-1]: result["execution_time"]
        for result in run_results
        if result["unique_id"].rsplit(".", 1)[-1] in BALANCE_AGGREGATES
    }
    return {
        "label": label,
        "as_of": as_of,
        "select": " ".join(select) if select else "(whole project)",
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "returncode": os.waitstatus_to_exitcode(status),
        "summary": done[-1] if done else "no summary (see log)",
        "nodes": len(run_results),
        "group_seconds": group_seconds,
        "aggregates": aggregates,
        "stores": store_months(paths["db"], as_of) if paths["db"].exists() else {},
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }


def probe_raw_layout(raw_dir: Path, month_end: dt.date) -> list[tuple[str, float, str]]:
    """Time DuckDB on the raw deposit_balances files: full vs one month."""
    import duckdb

    files = f"read_parquet('{raw_dir}/deposit_balances/*.parquet')"
    month_filter = f"balance_date between date '{month_end.replace(day=1)}' and date '{month_end}'"
    queries = [
        ("scan every row (count, sum of balance)", f"select count(*), sum(balance) from {files}"),
        (
            "scan one month (count, sum of balance)",
            f"select count(*), sum(balance) from {files} where {month_filter}",
        ),
        (
            "duplicate-key check (account_id, balance_date), every row",
            f"select count(*) from (select account_id, balance_date from {files} "
            "group by all having count(*) > 1)",
        ),
        (
            "duplicate-key check, one month",
            f"select count(*) from (select account_id, balance_date from {files} where {month_filter} "
            "group by all having count(*) > 1)",
        ),
    ]
    timings = []
    with duckdb.connect() as connection:
        connection.execute("set threads = 2")
        for label, query in queries:
            started = time.perf_counter()
            result = connection.execute(query).fetchall()[0]
            timings.append(
                (label, time.perf_counter() - started, ", ".join(f"{value:,}" for value in result))
            )
    return timings


def row_group_dates(raw_dir: Path) -> str:
    import pyarrow.parquet as pq

    parts = sorted((raw_dir / "deposit_balances").glob("*.parquet"))
    spans = set()
    row_groups = 0
    for part in parts:
        metadata = pq.ParquetFile(part).metadata
        column = metadata.schema.names.index("balance_date")
        for index in range(metadata.num_row_groups):
            stats = metadata.row_group(index).column(column).statistics
            spans.add((str(stats.min), str(stats.max)) if stats is not None else ("?", "?"))
            row_groups += 1
    shown = "; ".join(f"{low} .. {high}" for low, high in sorted(spans)[:3])
    return f"{len(parts)} part files, {row_groups} row groups; balance_date min .. max per row group: {shown}"


def report(args, raw: dict[str, int], runs: list[dict], probe, layout: str) -> str:
    m = machine()
    full = runs[0]
    lines = [
        "# Incremental months benchmark (issue 6)",
        "",
        f"Generated by `benchmarks/bench_incremental.py` on {dt.date.today().isoformat()}.",
        "",
        "## Machine",
        "",
        f"- CPUs available (nproc): {m['nproc']} - {m['cpu']}",
        f"- RAM: {m.get('ram', 'unknown')}; DuckDB memory_limit "
        f"{os.environ.get('DUCKDB_MEMORY_LIMIT', '8GB')}, dbt threads 2 (profiles/profiles.yml)",
        f"- Python {m['python']}; {m['os']}",
        "- The machine is shared: the 1-minute load average before and after each build is listed; above 2,"
        " other work competed for the CPUs and the wall times are upper bounds.",
        "",
        "## Input",
        "",
        f"Raw directory `{args.raw_dir}` ({sum(raw.values()):,} raw rows; deposit_balances "
        f"{raw.get('deposit_balances', 0):,}, loan_balances {raw.get('loan_balances', 0):,}).",
        "",
        f"Excluded from every build: `{' '.join(args.exclude)}`." if args.exclude else "Nothing excluded.",
        "",
        "## Builds (one scratch database, in this order)",
        "",
        "| build | as-of date | selection | wall time | vs full | CPU time | peak RSS | nodes | dbt result "
        "| load before / after |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in runs:
        lines.append(
            f"| {r['label']} | {r['as_of']} | `{r['select']}` | {r['wall_s']:.1f} s "
            f"| {100 * r['wall_s'] / full['wall_s']:.0f}% | {r['cpu_s']:.1f} s "
            f"| {r['peak_rss_mib']:,.0f} MiB "
            f"| {r['nodes']} | {r['summary']} | {r['load_before']:.1f} / {r['load_after']:.1f} |"
        )
    lines += [
        "",
        "## Where the time goes (sum of node execution times, seconds; two threads run at once)",
        "",
        "| build | staging + seeds (and their tests) | balance aggregates (stores + window models, tests) "
        "| everything else |",
        "|---|---:|---:|---:|",
    ]
    for r in runs:
        g = r["group_seconds"]
        lines.append(
            f"| {r['label']} | {g['STAGING']:.1f} | {g['BALANCE_AGGREGATES']:.1f} | {g['REST']:.1f} |"
        )
    lines += ["", "## Balance aggregate models (seconds) and months added to the stores", ""]
    names = sorted(BALANCE_AGGREGATES)
    lines += [
        "| build | " + " | ".join(names) + " | months (rows) added to the loan / deposit store |",
        "|---|" + "---:|" * len(names) + "---|",
    ]
    for r in runs:
        stores = r["stores"]
        added = " / ".join(f"{months} ({rows:,})" for months, rows in stores.values()) if stores else "-"
        cells = " | ".join(f"{r['aggregates'].get(name, 0):.1f}" for name in names)
        lines.append(f"| {r['label']} | {cells} | {added} |")
    lines += [
        "",
        "## Raw layout probe (DuckDB, 2 threads, `deposit_balances`)",
        "",
        f"Layout: {layout}.",
        "",
        "| query | seconds | result |",
        "|---|---:|---|",
    ]
    lines += [f"| {label} | {seconds:.1f} | {result} |" for label, seconds, result in probe]
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-dir", type=Path, default=Path("/tmp/bench100k"))
    parser.add_argument("--customers", type=int, default=100_000, help="when generating the raw data")
    parser.add_argument("--first-as-of", type=dt.date.fromisoformat, default=dt.date(2026, 7, 31))
    parser.add_argument("--exclude", nargs="*", default=None, help="dbt --exclude for every build")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--workdir", type=Path, default=None, help="parent of the scratch directory")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args(argv)
    args.raw_dir = args.raw_dir.resolve()
    if not (args.raw_dir / "deposit_balances").is_dir():
        cmd = [
            sys.executable,
            "-m",
            "demo_data",
            "--out",
            str(args.raw_dir),
            "--customers",
            str(args.customers),
        ]
        print("generating:", " ".join(cmd), flush=True)
        subprocess.run([*cmd, "--quiet"], cwd=ROOT, check=True)

    raw = raw_rows(args.raw_dir)
    first = args.first_as_of
    second = next_month_end(first)
    third = next_month_end(second)
    plan = [
        ("full", str(first), None),
        ("next month", str(second), None),
        ("next month, staging reused", str(third), ["int_evaluation_window+"]),
    ]
    scratch = Path(tempfile.mkdtemp(prefix="bench_incremental_", dir=args.workdir))
    paths = {"db": scratch / "bench.duckdb", "target": scratch / "target", "logs": scratch / "logs"}
    runs = []
    try:
        for label, as_of, select in plan:
            run = run_build(label, as_of, select, args, paths)
            runs.append(run)
            print(f"{label} ({as_of}): {run['wall_s']:.1f} s wall, {run['summary']}", flush=True)
            if run["returncode"] != 0:
                print(f"build failed; log in {paths['logs']}", flush=True)
                args.keep = True
                break
        probe = probe_raw_layout(args.raw_dir, third)
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(
            report(args, raw, runs, probe, row_group_dates(args.raw_dir)), encoding="utf-8"
        )
    finally:
        if args.keep:
            print(f"scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"report written to {args.report}")
    return 0 if all(r["returncode"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
