"""Benchmark of adding a month (issue 6): the next month-end built on top of the last vs a full rebuild.

The raw extract grows by a month: from a raw directory (default ``/tmp/bench100k``: 100,000 customers x 24
months, generated with ``python -m demo_data`` when missing), two raw directories are cut in a scratch
directory: the two daily balance tables up to the first month-end, and up to the next one (every other table
is linked unchanged). Then four dbt builds of the whole project run:

1. ``first month-end, empty database``: everything built and validated from scratch;
2. ``next month-end, incremental``: the same database after the extract grew by a month - the base models of
   the daily balances validate and sum the new month batch (DECISIONLOG H-014);
3. ``same month-end again``: a re-run with nothing new (the floor of a build for one as-of date);
4. ``next month-end, empty database``: the full rebuild the incremental build is compared with.

Then the same three cases for the daily-balance path alone (``PATH_SELECTION``: the customer-month aggregates
of the two daily tables and every model they read, with the tests on them; DECISIONLOG H-012): the month added
to a copy of the first month-end's database, the same month-end again, and ``--full-refresh``.

A probe then times DuckDB reading the raw ``deposit_balances`` files (full scan, one month, the duplicate-key
check over every row vs one month). The report (default ``benchmarks/reports/incremental.md``) gives wall
time, CPU time and peak RSS per build, node seconds per group (other staging, the daily-balance path, the
rest) from ``run_results.json``, and the month batches each build wrote into the base models::

    .venv/bin/python benchmarks/bench_incremental.py            # 100k customers, 2026-08-31 then 2026-09-30
    .venv/bin/python benchmarks/bench_incremental.py --raw-dir data/dev
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
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import TABLES, machine  # the sibling benchmark script

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REPORT = ROOT / "benchmarks" / "reports" / "incremental.md"
DBT = ROOT / ".venv" / "bin" / "dbt"
DAILY_TABLES = ["deposit_balances", "loan_balances"]
BASE_MODELS = [f"staging.base_bank__{table}" for table in DAILY_TABLES]
DAILY_BALANCE_PATH = {
    *(f"base_bank__{table}{suffix}" for table in DAILY_TABLES for suffix in ("", "_in_context", "_batches")),
    *(f"stg_bank__{table}{suffix}" for table in DAILY_TABLES for suffix in ("", "_by_month")),
    "int_calendar_months_matched_to_windows",
    "int_loan_balances_aggregated_to_months",
    "int_deposit_balances_aggregated_to_months",
}


# The daily-balance path alone: the customer-month aggregates, everything they read (seeds, the staging of the
# daily tables and their parents, the evaluation window) and the tests on those models only.
PATH_SELECTION = [
    "--select",
    "+int_deposit_balances_aggregated_to_months",
    "+int_loan_balances_aggregated_to_months",
    "--indirect-selection",
    "cautious",
]


def next_month_end(day: dt.date) -> dt.date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def node_groups(manifest_path: Path) -> dict[str, str]:
    """unique_id -> STAGING (seeds, staging models and tests only on them), DAILY_BALANCES (the base models of
    window models, and their tests) or REST."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    sources = set(manifest.get("sources", {}))

    def own_group(uid: str) -> str | None:
        node = nodes.get(uid, {})
        if node.get("resource_type") == "seed":
            return "STAGING"
        if node.get("resource_type") == "model":
            if node["name"] in DAILY_BALANCE_PATH:
                return "DAILY_BALANCES"
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
            elif "DAILY_BALANCES" in parent_groups and parent_groups <= {"STAGING", "DAILY_BALANCES"}:
                group = "DAILY_BALANCES"
            else:
                group = "REST"
        groups[uid] = group
    return groups


# (relation, month column, column set to the marker, marker value, test that a row holds the marker)
MARKED = [
    (name, "validation_batch", "row_key", "coalesce(row_key, '') || '#kept'", "row_key like '%#kept'")
    for name in BASE_MODELS
]


def raw_rows(raw_dir: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {
        table: sum(pq.ParquetFile(part).metadata.num_rows for part in (raw_dir / table).glob("*.parquet"))
        for table in TABLES
    }


def mark_one_row_per_month(db: Path) -> None:
    """Before a build on an existing database: one row per month batch of each base model gets a marker
    in a column no check or test reads. A month written by the build (delete+insert) loses its marked row, a
    month left alone keeps it. (DuckDB rowids cannot tell: a checkpoint after deletes renumbers them.)"""
    import duckdb

    if not db.exists():
        return
    with duckdb.connect(str(db)) as connection:
        for name, month, column, marker, _ in MARKED:
            connection.execute(
                f"update {name} set {column} = {marker} "
                f"where rowid in (select min(rowid) from {name} group by {month})"
            )


def months_written(db: Path) -> dict[str, tuple[int, int]]:
    """Per base model: (months, rows) without the marker, i.e. written by the last build."""
    import duckdb

    counts = {}
    with duckdb.connect(str(db), read_only=True) as connection:
        for name, month, _, _, is_marked in MARKED:
            months, rows = connection.execute(
                f"select count(distinct {month}), count(*) from {name} where {month} not in "
                f"(select {month} from {name} where {is_marked})"
            ).fetchall()[0]
            counts[name.split(".")[1]] = (months, rows)
    return counts


def run_build(
    label: str, as_of: str, raw_dir: Path, db: Path, args, paths: dict[str, Path], extra: Sequence[str] = ()
) -> dict:
    dbt_vars = json.dumps({"raw_data_dir": str(raw_dir), "as_of_date": as_of})
    # Every build parses the project in full, as a month-end run does (its new as_of_date var disables dbt's
    # partial parsing); otherwise a re-run would skip the ~4 s parse that the build before it paid.
    cmd = [str(DBT), "build", "--no-partial-parse", "--profiles-dir", "profiles", "--vars", dbt_vars, *extra]
    if args.exclude:
        cmd += ["--exclude", *args.exclude]
    env = dict(
        os.environ,
        DUCKDB_PATH=str(db),
        DBT_TARGET_PATH=str(paths["target"]),
        DBT_LOG_PATH=str(paths["logs"]),
    )
    paths["logs"].mkdir(parents=True, exist_ok=True)
    log_file = paths["logs"] / f"build_{len(list(paths['logs'].glob('build_*.out')))}_{as_of}.out"
    mark_one_row_per_month(db)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with log_file.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    output = log_file.read_text(errors="replace")
    done = re.findall(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+)", output)
    run_results = json.loads((paths["target"] / "run_results.json").read_text(encoding="utf-8"))["results"]
    groups = node_groups(paths["target"] / "manifest.json")
    group_seconds: dict[str, float] = {"STAGING": 0.0, "DAILY_BALANCES": 0.0, "REST": 0.0}
    for result in run_results:
        group_seconds[groups.get(result["unique_id"], "REST")] += result["execution_time"]
    slowest = sorted(run_results, key=lambda result: -result["execution_time"])[:8]
    return {
        "label": label,
        "as_of": as_of,
        "raw": raw_dir.name,
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,
        "returncode": os.waitstatus_to_exitcode(status),
        "summary": done[-1] if done else "no summary (see log)",
        "nodes": len(run_results),
        "tests": sum(result["unique_id"].startswith(("test.", "unit_test.")) for result in run_results),
        "group_seconds": group_seconds,
        "path_seconds": {
            result["unique_id"].rsplit(".", 1)[-1]: result["execution_time"]
            for result in run_results
            if result["unique_id"].rsplit(".", 1)[-1] in DAILY_BALANCE_PATH
        },
        "slowest": [(result["unique_id"].split(".", 2)[-1], result["execution_time"]) for result in slowest],
        "written": months_written(db) if db.exists() else {},
        "load_before": load_before,
        "load_after": load_after,
    }


def cut_raw(source: Path, target: Path, last_day: dt.date) -> None:
    """A raw directory whose daily balance tables end on `last_day` (rows without a readable date are kept);
    every other table is a link to the source table."""
    import duckdb

    target.mkdir(parents=True)
    tables = sorted(path.name for path in source.iterdir() if path.is_dir() and not path.name.startswith("_"))
    for table in tables:
        if table not in DAILY_TABLES:
            (target / table).symlink_to(source / table)
            continue
        (target / table).mkdir()
        with duckdb.connect() as connection:
            connection.execute(
                f"copy (select * from read_parquet('{source}/{table}/*.parquet') "
                f"where not coalesce(try_cast(balance_date as date) > date '{last_day}', false)) "
                f"to '{target}/{table}/part.parquet' (format parquet)"
            )
    (target / ".complete").touch()


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
    whole, path = runs[:4], runs[4:]
    incremental, rerun, rebuild = whole[1], whole[2], whole[3]
    path_incremental, path_rerun, path_rebuild = path
    node_path_rebuild = rebuild["group_seconds"]["DAILY_BALANCES"]
    node_path_incremental = incremental["group_seconds"]["DAILY_BALANCES"]
    models_rebuild = sum(rebuild["path_seconds"].values())
    models_incremental = sum(incremental["path_seconds"].values())
    path_month = path_incremental["wall_s"] - path_rerun["wall_s"]
    whole_month = incremental["wall_s"] - rerun["wall_s"]

    def share(run: dict, of: dict) -> str:
        return f"{100 * run['wall_s'] / of['wall_s']:.0f}%"

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
        f"{raw.get('deposit_balances', 0):,}, loan_balances {raw.get('loan_balances', 0):,}). "
        f"`to_{runs[0]['as_of']}` and `to_{incremental['as_of']}` are that directory with the two daily "
        "balance tables cut after the month-end (every other table linked unchanged): the extract before and "
        "after a month of daily rows arrived.",
        "",
        f"Excluded from every build: `{' '.join(args.exclude)}`."
        if args.exclude
        else "The first four builds are the whole project (`dbt build`: every model, seed and test); the "
        f"last three the daily-balance path alone (`dbt build {' '.join(PATH_SELECTION)}`).",
        "",
        "## Result",
        "",
        "The target of issue 6 (DECISIONLOG H-012) is what the new month costs: a build that adds a month "
        "minus the same build with nothing new, as a share of a full rebuild.",
        "",
        f"- **The new month itself: {path_month:.1f} s, {100 * path_month / path_rebuild['wall_s']:.0f}% of "
        f"rebuilding the customer-month aggregates ({path_rebuild['wall_s']:.1f} s)**, measured on the "
        f"daily-balance path alone; {whole_month:.1f} s ({100 * whole_month / rebuild['wall_s']:.0f}% of a "
        "full rebuild) measured on whole builds"
        + (
            ", below zero: these are one build each, and whole builds vary from run to run by more than the "
            "month costs."
            if whole_month < 0
            else "."
        ),
        f"- The daily-balance path alone: adding the month took {path_incremental['wall_s']:.1f} s, "
        f"{share(path_incremental, path_rebuild)} of its full rebuild; with nothing new "
        f"{path_rerun['wall_s']:.1f} s ({share(path_rerun, path_rebuild)}): the passes over the whole "
        "history that keep the month batches exact (one scan of the raw extract with the context of every "
        "row, for the batches' input fingerprints), the tests over the stored months and dbt's start.",
        f"- The whole project: adding the month-end took {incremental['wall_s']:.1f} s, "
        f"{share(incremental, rebuild)} of a full rebuild ({rebuild['wall_s']:.1f} s); with nothing new "
        f"{rerun['wall_s']:.1f} s ({share(rerun, rebuild)}): the as-of date's own results and the "
        f"{rerun['tests']:,} tests, which a full rebuild computes too, and the passes above.",
        "- Daily-balance path inside the whole builds (base models of the two daily tables, their staging "
        "views and the window aggregates), sum of node seconds: models "
        f"{models_rebuild:.1f} s in the rebuild, {models_incremental:.1f} s when adding the month "
        f"({100 * models_incremental / models_rebuild:.0f}%); with their tests {node_path_rebuild:.1f} s and "
        f"{node_path_incremental:.1f} s ({100 * node_path_incremental / node_path_rebuild:.0f}%).",
        "",
        "## Builds",
        "",
        "vs full rebuild: of the whole project's (the first four builds) or of the daily-balance path's (the "
        "last three).",
        "",
        "| build | as-of date | raw | wall time | vs full rebuild | CPU time | peak RSS | nodes | dbt result "
        "| load before / after |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for index, r in enumerate(runs):
        lines.append(
            f"| {r['label']} | {r['as_of']} | `{r['raw']}` | {r['wall_s']:.1f} s "
            f"| {share(r, rebuild if index < len(whole) else path_rebuild)} | {r['cpu_s']:.1f} s "
            f"| {r['peak_rss_mib']:,.0f} MiB "
            f"| {r['nodes']} | {r['summary']} | {r['load_before']:.1f} / {r['load_after']:.1f} |"
        )
    lines += [
        "",
        "## Where the time goes (sum of node execution times, seconds; two threads run at once)",
        "",
        "| build | other staging + seeds (and their tests) | daily-balance path (and its tests) "
        "| everything else |",
        "|---|---:|---:|---:|",
    ]
    for r in runs:
        g = r["group_seconds"]
        lines.append(f"| {r['label']} | {g['STAGING']:.1f} | {g['DAILY_BALANCES']:.1f} | {g['REST']:.1f} |")
    names = sorted(DAILY_BALANCE_PATH)
    lines += [
        "",
        "## Daily-balance path models (seconds)",
        "",
        "| model | " + " | ".join(r["label"] for r in runs) + " |",
        "|---|" + "---:|" * len(runs),
    ]
    for name in names:
        cells = " | ".join(f"{r['path_seconds'].get(name, 0):.1f}" for r in runs)
        lines.append(f"| {name} | {cells} |")
    relations = list(runs[0]["written"])
    lines += [
        "",
        "## Months (rows) each build wrote",
        "",
        "Before each build one row per month batch is marked (a suffix on `row_key` in the base models); a "
        "batch without its marked row after the build was written by it (deleted and inserted again).",
        "",
        "| build | " + " | ".join(relations) + " |",
        "|---|" + "---:|" * len(relations),
    ]
    for r in runs:
        counts = [r["written"].get(name, (0, 0)) for name in relations]
        cells = " | ".join(f"{months} ({rows:,})" for months, rows in counts)
        lines.append(f"| {r['label']} | {cells} |")
    lines += ["", "## Slowest nodes (seconds)", ""]
    for r in runs:
        lines.append(f"- {r['label']}: " + ", ".join(f"{name} {sec:.1f}" for name, sec in r["slowest"]))
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
    parser.add_argument("--raw-dir", type=Path, default=Path("/tmp/bench100000"))
    parser.add_argument("--customers", type=int, default=100_000, help="when generating the raw data")
    parser.add_argument("--first-as-of", type=dt.date.fromisoformat, default=dt.date(2026, 8, 31))
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
    scratch = Path(tempfile.mkdtemp(prefix="bench_incremental_", dir=args.workdir))
    paths = {"target": scratch / "target", "logs": scratch / "logs"}
    before, after = scratch / f"to_{first}", scratch / f"to_{second}"
    path_db = scratch / "path.duckdb"
    plan = [
        ("first month-end, empty database", first, before, scratch / "incremental.duckdb", []),
        ("next month-end, incremental", second, after, scratch / "incremental.duckdb", []),
        ("same month-end again", second, after, scratch / "incremental.duckdb", []),
        ("next month-end, empty database (full rebuild)", second, after, scratch / "rebuild.duckdb", []),
        ("daily-balance path: next month-end, incremental", second, after, path_db, PATH_SELECTION),
        ("daily-balance path: same month-end again", second, after, path_db, PATH_SELECTION),
        ("daily-balance path: full rebuild", second, after, path_db, [*PATH_SELECTION, "--full-refresh"]),
    ]
    runs = []
    try:
        for month_end, raw_dir in ((first, before), (second, after)):
            started = time.perf_counter()
            cut_raw(args.raw_dir, raw_dir, month_end)
            print(f"raw cut after {month_end}: {time.perf_counter() - started:.1f} s", flush=True)
        for label, as_of, raw_dir, db, extra in plan:
            run = run_build(label, str(as_of), raw_dir, db, args, paths, extra)
            runs.append(run)
            print(f"{label} ({as_of}): {run['wall_s']:.1f} s wall, {run['summary']}", flush=True)
            if run["returncode"] != 0:
                print(f"build failed; log in {paths['logs']}", flush=True)
                args.keep = True
                break
            if len(runs) == 1:  # the path builds start from the first month-end's database too
                shutil.copyfile(db, path_db)
        if len(runs) == len(plan):
            probe = probe_raw_layout(args.raw_dir, second)
            args.report.parent.mkdir(parents=True, exist_ok=True)
            args.report.write_text(
                report(args, raw, runs, probe, row_group_dates(args.raw_dir)), encoding="utf-8"
            )
            print(f"report written to {args.report}")
    finally:
        if args.keep:
            print(f"scratch directory kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    return 0 if len(runs) == len(plan) and all(r["returncode"] == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
