"""Scale benchmark of the whole `dbt build` beside a hand-written DuckDB query of the same core work.

For each size (customers x 24 months of the demo generator, seed 42, end date 2026-09-30) this generates the
raw data when it is missing, builds the whole project with every test into a new DuckDB file (one `dbt build`,
the command a bank runs), and then runs `benchmarks/reference_core_work.sql` - one plain DuckDB query of the
core per-customer work, with the same threads and memory limit - on the same files, back to back, and reports:

- wall time, CPU time (user + system) and peak RSS of the build (`os.wait4` of the dbt process: dbt, its
  threads and the embedded DuckDB engine live in it), its dbt result line, the warehouse file size and the
  peak of warehouse file + DuckDB spill directory (polled every 0.2 s);
- the raw Parquet size and rows;
- the reference query's wall and CPU time, and the ratios build / reference of both (absolute times on shared
  machines drift, the ratios less so; the CPU ratio says how much more work the build does, whatever the
  scheduling);
- the slowest nodes of each build (dbt's run_results.json);
- with `--replay-sql`, the build's queries run again without dbt on the database it wrote
  (`benchmarks/replay_build_sql.py`): what the queries alone cost, and the rest is dbt's.

    .venv/bin/python benchmarks/bench_build.py --sizes 10000 100000 1000000
    .venv/bin/python benchmarks/bench_build.py --sizes 100000 --repeat 3 --data-root /work/data
    .venv/bin/python benchmarks/bench_build.py --sizes 100000 --exclude resource_type:test
    .venv/bin/python benchmarks/bench_build.py --sizes 100000 --replay-sql

`--exclude` leaves a dbt selector out of the build, to measure what those nodes cost. Writes a Markdown report
(default benchmarks/reports/build.md). Exit 1 when a build fails.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from segmentation_tools.raw_contract import TABLES  # noqa: E402

DEFAULT_REPORT = ROOT / "benchmarks" / "reports" / "build.md"
REFERENCE_SQL = ROOT / "benchmarks" / "reference_core_work.sql"
REPLAY_SCRIPT = ROOT / "benchmarks" / "replay_build_sql.py"
DBT = ROOT / ".venv" / "bin" / "dbt"
AS_OF = "2026-09-30"
MONTHS = 24
SEED = 42


def machine() -> dict[str, str]:
    info = {"nproc": str(len(os.sched_getaffinity(0))), "cpu": platform.processor() or platform.machine()}
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            info["cpu"] = line.split(":", 1)[1].strip()
            break
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            info["ram"] = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
            break
    info["python"] = platform.python_version()
    info["os"] = platform.platform()
    return info


def tree_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            with contextlib.suppress(OSError):  # a spill file removed while walking
                total += (Path(root) / name).stat().st_size
    return total


def ensure_raw(raw_dir: Path, customers: int) -> None:
    if (raw_dir / "customers").is_dir():
        return
    command = [
        sys.executable, "-m", "demo_data", "--out", str(raw_dir), "--customers", str(customers),
        "--months", str(MONTHS), "--end-date", AS_OF, "--seed", str(SEED), "--jobs", "2", "--quiet",
    ]  # fmt: skip
    print("generating:", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)


def raw_profile(raw_dir: Path) -> tuple[int, int]:
    import pyarrow.parquet as pq

    parts = [part for table in TABLES for part in (raw_dir / table).glob("*.parquet")]
    rows = sum(pq.ParquetFile(part).metadata.num_rows for part in parts)
    return rows, sum(tree_bytes(raw_dir / table) for table in TABLES)


class DiskPeak:
    """Polls the size of the warehouse file plus DuckDB's spill directory (<file>.tmp) while a build runs."""

    def __init__(self, database: Path):
        self.paths = [database, *(database.with_name(database.name + suffix) for suffix in (".tmp", ".wal"))]
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def _poll(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(tree_bytes(path) for path in self.paths if path.exists()))
            self._stop.wait(0.2)

    def __enter__(self) -> DiskPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def run_build(raw_dir: Path, scratch: Path, exclude: str | None = None) -> dict:
    database = scratch / "warehouse.duckdb"
    target, logs = scratch / "target", scratch / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, DUCKDB_PATH=str(database), DBT_TARGET_PATH=str(target), DBT_LOG_PATH=str(logs))
    dbt_vars = json.dumps({"raw_data_dir": str(raw_dir)})
    command = [str(DBT), "build", "--profiles-dir", "profiles", "--vars", dbt_vars]
    if exclude:
        command += ["--exclude", exclude]
    log_file = logs / "build.out"
    started = time.perf_counter()
    with log_file.open("w") as out, DiskPeak(database) as disk:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    output = log_file.read_text(errors="replace")
    done = re.findall(r"Done\. (PASS=\d+ WARN=\d+ ERROR=\d+ SKIP=\d+.*)", output)
    errors = [line.strip() for line in output.splitlines() if "Error" in line][:5]
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mib": usage.ru_maxrss / 1024,  # kilobytes on Linux
        "returncode": os.waitstatus_to_exitcode(status),
        "summary": done[-1].strip() if done else "no summary: " + "; ".join(errors),
        "warehouse_mib": tree_bytes(database) / 1024**2 if database.exists() else 0.0,
        "disk_peak_mib": disk.peak / 1024**2,
        "slowest": slowest_nodes(target / "run_results.json"),
    }


def slowest_nodes(run_results: Path, top: int = 12) -> list[tuple[str, float]]:
    if not run_results.exists():
        return []
    results = json.loads(run_results.read_text())["results"]
    nodes = [(r["unique_id"].split(".", 2)[-1], r["execution_time"]) for r in results]
    return sorted(nodes, key=lambda node: node[1], reverse=True)[:top]


def run_reference(raw_dir: Path) -> dict:
    """The hand-written query in a fresh process with the build's threads and memory limit."""
    script = f"""
import duckdb, time, resource, json, sys
sql = open({str(REFERENCE_SQL)!r}).read().replace('{{raw}}', {str(raw_dir)!r}).replace('{{as_of}}', {AS_OF!r})
connection = duckdb.connect()
connection.execute("set threads = 2")
connection.execute("set memory_limit = '{os.environ.get("DUCKDB_MEMORY_LIMIT", "8GB")}'")
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
started, cpu_started = time.perf_counter(), cpu()
rows = connection.execute(f"create table result as {{sql}}").fetchall()
count = connection.execute("select count(*) from result").fetchone()[0]
print(json.dumps({{"wall_s": time.perf_counter() - started, "cpu_s": cpu() - cpu_started, "rows": count,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    return json_of_process([sys.executable, "-c", script])


def replay_sql(scratch: Path) -> dict:
    """The build's queries without dbt (benchmarks/replay_build_sql.py), in a fresh process."""
    return json_of_process([
        sys.executable, str(REPLAY_SCRIPT),
        "--database", str(scratch / "warehouse.duckdb"), "--target", str(scratch / "target"),
    ])  # fmt: skip


def json_of_process(command: list[str]) -> dict:
    """The JSON object a measuring process prints last."""
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def measure(
    size: int,
    data_root: Path,
    repeat: int,
    workdir: Path | None,
    reference: bool,
    exclude: str | None,
    replay: bool = False,
) -> dict:
    raw_dir = data_root / f"bench{size}"
    ensure_raw(raw_dir, size)
    rows, raw_bytes = raw_profile(raw_dir)
    builds, references = [], []
    for run in range(repeat):
        scratch = Path(tempfile.mkdtemp(prefix=f"bench_build_{size}_", dir=workdir))
        try:
            build = run_build(raw_dir, scratch, exclude)
            if replay and build["returncode"] == 0:
                build["replay"] = replay_sql(scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        builds.append(build)
        line = (
            f"{size:,} customers, run {run + 1}: build {build['wall_s']:.1f} s, "
            f"{build['peak_rss_mib']:,.0f} MiB peak RSS, warehouse + spill peak "
            f"{build['disk_peak_mib']:,.0f} MiB, {build['summary']}"
        )
        if "replay" in build:
            line += f"; its queries without dbt {build['replay']['wall_s']:.1f} s"
        if reference:
            references.append(run_reference(raw_dir))
            line += f"; reference {references[-1]['wall_s']:.1f} s"
        print(line, flush=True)
    return {
        "size": size,
        "raw_rows": rows,
        "raw_mib": raw_bytes / 1024**2,
        "builds": builds,
        "references": references,
    }


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(results: list[dict], load_before: float, exclude: str | None = None) -> str:
    m = machine()
    scope = f"without the nodes of `--exclude {exclude}`" if exclude else "with every test"
    lines = [
        f"# Scale benchmark: the {'' if exclude else 'whole '}`dbt build` beside a hand-written query",
        "",
        f"Generated by `benchmarks/bench_build.py` on {dt.date.today().isoformat()}: demo data (seed "
        f"{SEED}, {MONTHS} months to {AS_OF}), `dbt build` of the whole project {scope} into a new "
        "database, then `benchmarks/reference_core_work.sql` (one DuckDB query of the core per-customer "
        "work, same threads and memory limit) on the same files.",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m.get('ram', '?')} RAM; DuckDB memory_limit "
        f"{os.environ.get('DUCKDB_MEMORY_LIMIT', '8GB')}, dbt threads 2; Python {m['python']}; "
        f"load average before the first run {load_before:.1f}.",
        "",
        "| customers | raw rows | raw Parquet | build (median) | runs | peak RSS | warehouse "
        "| warehouse + spill peak / raw | reference query | build / reference | build CPU (median) "
        "| reference CPU | CPU build / reference | dbt result |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for result in results:
        builds = result["builds"]
        build_median = median([b["wall_s"] for b in builds])
        reference_median = median([r["wall_s"] for r in result["references"]])
        ratio = build_median / reference_median if result["references"] else float("nan")
        disk_peak = max(b["disk_peak_mib"] for b in builds)
        runs = ", ".join(f"{b['wall_s']:.1f}" for b in builds)
        peak_rss = max(b["peak_rss_mib"] for b in builds)
        build_cpu = median([b["cpu_s"] for b in builds])
        reference_cpu = median([r["cpu_s"] for r in result["references"]])
        reference_cells = (
            f"{reference_median:.2f} s | {ratio:.1f}x | {build_cpu:.1f} s | {reference_cpu:.2f} s "
            f"| {build_cpu / reference_cpu:.1f}x"
            if result["references"]
            else f"not run | | {build_cpu:.1f} s | not run | "
        )
        lines.append(
            f"| {result['size']:,} | {result['raw_rows']:,} | {result['raw_mib']:,.0f} MiB "
            f"| {build_median:.1f} s | {runs} | {peak_rss:,.0f} MiB | {builds[-1]['warehouse_mib']:,.0f} MiB "
            f"| {disk_peak:,.0f} MiB = {disk_peak / result['raw_mib']:.2f}x | {reference_cells} "
            f"| {builds[-1]['summary']} |"
        )
    lines += replay_table(results)
    by_size = {result["size"]: median([b["wall_s"] for b in result["builds"]]) for result in results}
    for small, large in zip(sorted(by_size), sorted(by_size)[1:], strict=False):
        growth = by_size[large] / by_size[small]
        lines += ["", f"Growth {small:,} -> {large:,} customers: {growth:.1f}x in time."]
    for result in results:
        lines += ["", f"Slowest nodes of the last build at {result['size']:,} customers:", ""]
        lines += ["| node | seconds |", "|---|---:|"]
        lines += [f"| {node} | {seconds:.1f} |" for node, seconds in result["builds"][-1]["slowest"]]
    lines.append("")
    return "\n".join(lines)


def replay_table(results: list[dict]) -> list[str]:
    """The builds' queries run again without dbt (--replay-sql), medians over the builds of a size."""
    replayed = [(r, [b["replay"] for b in r["builds"] if "replay" in b]) for r in results]
    replayed = [(r, replays) for r, replays in replayed if replays]
    if not replayed:
        return []
    lines = [
        "",
        "The build's queries run again without dbt, one at a time on one connection (`benchmarks/"
        "replay_build_sql.py`: table models, the batches of the batched models, data tests):",
        "",
        "| customers | queries alone (median) | their CPU | CPU / reference CPU | models | batched models "
        "| data tests | build CPU / queries' CPU |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result, replays in replayed:
        cpu = median([r["cpu_s"] for r in replays])
        reference_cpu = median([r["cpu_s"] for r in result["references"]])
        build_cpu = median([b["cpu_s"] for b in result["builds"]])
        lines.append(
            f"| {result['size']:,} | {median([r['wall_s'] for r in replays]):.1f} s | {cpu:.1f} s "
            f"| {cpu / reference_cpu:.1f}x | {median([r['models_s'] for r in replays]):.1f} s "
            f"| {median([r['batched models_s'] for r in replays]):.1f} s "
            f"| {median([r['data tests_s'] for r in replays]):.1f} s | {build_cpu / cpu:.1f}x |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=1, help="builds per size (the report gives the median)")
    parser.add_argument("--reference-sizes", type=int, nargs="*", default=None, help="default: every size")
    parser.add_argument("--data-root", type=Path, default=Path("/tmp"), help="raw data in <root>/bench<size>")
    parser.add_argument("--workdir", type=Path, default=None, help="parent of the scratch databases")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--exclude", default=None, help="dbt selector left out of the build")
    parser.add_argument("--replay-sql", action="store_true", help="also run each build's queries without dbt")
    args = parser.parse_args(argv)
    if args.exclude and args.report == DEFAULT_REPORT:
        parser.error("--exclude needs --report: the default report is the build with every test")
    load_before = os.getloadavg()[0]
    results = []
    for size in args.sizes:
        reference = args.reference_sizes is None or size in args.reference_sizes
        results.append(
            measure(
                size,
                args.data_root.resolve(),
                args.repeat,
                args.workdir,
                reference,
                args.exclude,
                args.replay_sql,
            )
        )
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report(results, load_before, args.exclude), encoding="utf-8")
    print(f"report written to {args.report}")
    return 0 if all(b["returncode"] == 0 for r in results for b in r["builds"]) else 1


if __name__ == "__main__":
    sys.exit(main())
