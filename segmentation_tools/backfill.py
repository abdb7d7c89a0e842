"""Backfill the segment history: one `dbt build` per month-end of a range, oldest first, with a progress bar.

Each build runs with `--vars '{raw_data_dir: <dir>, as_of_date: <month-end>}'` and adds (or replaces) that
as-of date in the history tables (customer_segment_history, customer_profitability_history); the trend,
migration and concentration marts are rebuilt from the history by every build. The first failing build stops
the backfill with a one-line message naming the month-end and the failed nodes; the month-ends before it stay
in the history, so rerun with `--from` that month-end.

    make backfill FROM=2025-10-31 TO=2026-09-30
    python -m segmentation_tools.backfill --from 2025-10-31 --to 2026-09-30 [--raw-data-dir data/demo]

The database is DUCKDB_PATH (default warehouse/segmentation.duckdb) and the raw data RAW_DATA_DIR (default
data/demo), as for `make demo`; relative paths are relative to the project root, where dbt runs.

Every month builds the whole project with every test, so each month-end in the history was tested and the last
one can be published (`python -m segmentation_tools.publish`). dbt runs in this process through `dbtRunner`
(DECISIONLOG H-002): the project is parsed once and the manifest reused for every month (vars are applied when
each build compiles), which saves dbt's start-up and parse (~4-8 s) per month; the daily balances of months
already validated are reused by the month batches (H-014). `--runner subprocess` runs `dbt` as a child process
per month instead.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE = "warehouse/segmentation.duckdb"
DEFAULT_RAW_DATA_DIR = "data/demo"
FAILED_STATUSES = {"error", "fail", "runtime error"}


class BackfillError(Exception):
    """A reason to stop, printed as one line."""


@dataclass
class BuildOutcome:
    success: bool
    summary: str  # e.g. "PASS=640 WARN=0 ERROR=0 SKIP=0" or the failed nodes


def month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every calendar month-end d with first <= d <= last, oldest first."""
    if first > last:
        raise BackfillError(f"--from {first} is after --to {last}")
    ends = []
    year, month = first.year, first.month
    while True:
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        if end > last:
            break
        if end >= first:
            ends.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if not ends:
        raise BackfillError(f"no month-end between {first} and {last}")
    return ends


def build_args(
    as_of: dt.date, raw_data_dir: str, select: Sequence[str] | None, full_refresh: bool
) -> list[str]:
    """The `dbt build` arguments of one month-end."""
    dbt_vars = json.dumps({"raw_data_dir": raw_data_dir, "as_of_date": as_of.isoformat()})
    args = ["build", "--project-dir", str(ROOT), "--profiles-dir", str(ROOT / "profiles"), "--vars", dbt_vars]
    if select:
        args += ["--select", *select]
    if full_refresh:
        args.append("--full-refresh")
    return args


def summarise_results(results: Sequence[tuple[str, str]]) -> BuildOutcome:
    """(unique_id, status) pairs of a finished build -> success and a one-line summary."""
    failed = [(uid, status) for uid, status in results if status in FAILED_STATUSES]
    if failed:
        shown = ", ".join(
            f"{uid.split('.')[0]} {uid.split('.')[-1]} ({status})" for uid, status in failed[:3]
        )
        more = f" and {len(failed) - 3} more" if len(failed) > 3 else ""
        return BuildOutcome(False, f"{len(failed)} node(s) failed: {shown}{more}")
    counts: dict[str, int] = {}
    for _, status in results:
        counts[status] = counts.get(status, 0) + 1
    passed = counts.get("success", 0) + counts.get("pass", 0)
    return BuildOutcome(
        True,
        f"PASS={passed} WARN={counts.get('warn', 0)} SKIP={counts.get('skipped', 0)} nodes={len(results)}",
    )


class InProcessDbt:
    """dbt in this process (dbtRunner): the project is parsed once and the manifest reused for every build."""

    name = "in-process"

    def __init__(
        self, parse_args: list[str], target_path: Path, on_node_done: Callable[[str], None] | None = None
    ) -> None:
        from dbt.cli.main import dbtRunner

        callbacks = [self._callback] if on_node_done else []
        self._on_node_done = on_node_done
        self._target_path = target_path
        parsed = dbtRunner(callbacks=callbacks).invoke(["parse", "--quiet", *parse_args])
        if not parsed.success:
            raise BackfillError(f"dbt parse failed: {one_line(parsed.exception) or 'see the dbt log'}")
        self.manifest = parsed.result
        self._runner = dbtRunner(manifest=self.manifest, callbacks=callbacks)

    def _callback(self, event) -> None:
        if event.info.name == "NodeFinished" and self._on_node_done:
            self._on_node_done(event.data.node_info.node_name)

    def build(self, args: list[str]) -> BuildOutcome:
        result = self._runner.invoke([*args, "--quiet"])
        if result.exception is not None:
            return BuildOutcome(False, one_line(result.exception))
        run_results = getattr(result.result, "results", None) or []
        self._write_manifest()
        outcome = summarise_results([(r.node.unique_id, str(r.status)) for r in run_results])
        if not result.success and outcome.success:
            return BuildOutcome(False, "dbt reported a failure (see the dbt log)")
        return outcome

    def _write_manifest(self) -> None:
        """target/manifest.json of the build just run. dbt writes the run results of a build given a manifest,
        but not the manifest: the one on disk is the parse's, of another invocation, and publish refuses run
        results without their manifest. The build ran exactly this manifest; it is written with the build's
        invocation id, as `dbt build` writes its own."""
        run_results = self._target_path / "run_results.json"
        if not run_results.exists():
            return
        invocation_id = json.loads(run_results.read_text(encoding="utf-8"))["metadata"]["invocation_id"]
        manifest = self.manifest.writable_manifest().to_dict()
        manifest["metadata"]["invocation_id"] = invocation_id
        (self._target_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def one_line(error: BaseException | None) -> str:
    """A dbt exception as one line: its lines that say what went wrong, without dbt's frames (`> in macro`)
    and headings (`Compilation Error in operation ...`)."""
    if error is None:
        return ""
    lines = [line.strip() for line in str(error).splitlines()]
    said = [
        line
        for line in lines
        if line and not line.startswith(">") and not re.match(r"\w[\w ]* Error in \w+ ", line)
    ]
    return "; ".join(said).replace(":; ", ": ") or type(error).__name__


class SubprocessDbt:
    """`dbt` as a child process per build (one start-up and parse per month)."""

    name = "subprocess"

    def __init__(self, target_path: Path) -> None:
        self._dbt = Path(sys.executable).with_name("dbt")
        self._target_path = target_path

    def build(self, args: list[str]) -> BuildOutcome:
        run_results = self._target_path / "run_results.json"
        run_results.unlink(missing_ok=True)  # never read the results of an earlier build
        completed = subprocess.run([str(self._dbt), *args, "--quiet"], cwd=ROOT, check=False)
        if not run_results.exists():
            return BuildOutcome(False, f"dbt exited with {completed.returncode} and wrote no run results")
        results = json.loads(run_results.read_text(encoding="utf-8"))["results"]
        outcome = summarise_results([(r["unique_id"], r["status"]) for r in results])
        if completed.returncode != 0 and outcome.success:
            return BuildOutcome(False, f"dbt exited with {completed.returncode} (see the dbt log)")
        return outcome


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def backfill(
    as_of_dates: Sequence[dt.date],
    dbt,
    raw_data_dir: str,
    *,
    select: Sequence[str] | None = None,
    full_refresh: bool = False,
    progress=None,
    write: Callable[[str], None] = print,
) -> list[tuple[dt.date, float, str]]:
    """Build every as-of date in order; raise BackfillError at the first failure. Returns (date, seconds,
    summary) per month-end built."""
    built: list[tuple[dt.date, float, str]] = []
    for index, as_of in enumerate(as_of_dates):
        if progress is not None:
            progress.set_description(f"as-of {as_of}")
        started = time.perf_counter()
        outcome = dbt.build(build_args(as_of, raw_data_dir, select, full_refresh and index == 0))
        seconds = time.perf_counter() - started
        if not outcome.success:
            done = f"{len(built)} of {len(as_of_dates)} month-ends built" + (
                f" ({built[0][0]}..{built[-1][0]})" if built else ""
            )
            raise BackfillError(
                f"dbt build failed for as-of {as_of}: {outcome.summary}; {done}; "
                f"fix it and rerun with --from {as_of}"
            )
        built.append((as_of, seconds, outcome.summary))
        write(f"{as_of}  built in {_duration(seconds)}  {outcome.summary}")
        if progress is not None:
            progress.update(1)
    return built


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--from", dest="first", type=_date, required=True, help="first month-end (YYYY-MM-DD)"
    )
    parser.add_argument("--to", dest="last", type=_date, required=True, help="last month-end (YYYY-MM-DD)")
    parser.add_argument(
        "--raw-data-dir",
        default=os.environ.get("RAW_DATA_DIR", DEFAULT_RAW_DATA_DIR),
        help="raw data directory (default: RAW_DATA_DIR or data/demo)",
    )
    parser.add_argument(
        "--select", nargs="+", default=None, help="dbt --select for every month (default: all)"
    )
    parser.add_argument(
        "--full-refresh",
        action="store_true",
        help="--full-refresh on the first month (rebuilds the calendar-month stores; history is kept)",
    )
    parser.add_argument("--runner", choices=["in-process", "subprocess"], default="in-process")
    args = parser.parse_args(argv)

    os.chdir(
        ROOT
    )  # dbt runs from the project root; relative paths (data/demo, warehouse/...) are relative to it
    database = Path(os.environ.get("DUCKDB_PATH", DEFAULT_DATABASE))
    target_path = Path(os.environ.get("DBT_TARGET_PATH", "target"))
    try:
        as_of_dates = month_ends(args.first, args.last)
        if not (Path(args.raw_data_dir) / "customers").is_dir():
            raise BackfillError(
                f"no raw data at {args.raw_data_dir} (expected {args.raw_data_dir}/customers/)"
            )
        database.parent.mkdir(parents=True, exist_ok=True)
        from tqdm import tqdm

        with tqdm(total=len(as_of_dates), unit="month", dynamic_ncols=True) as progress:
            if args.runner == "in-process":
                parse_vars = json.dumps(
                    {"raw_data_dir": args.raw_data_dir, "as_of_date": str(as_of_dates[0])}
                )
                dbt = InProcessDbt(
                    [
                        "--project-dir",
                        str(ROOT),
                        "--profiles-dir",
                        str(ROOT / "profiles"),
                        "--vars",
                        parse_vars,
                    ],
                    target_path,
                    on_node_done=lambda node: progress.set_postfix_str(node[:40], refresh=True),
                )
            else:
                dbt = SubprocessDbt(target_path)
            started = time.perf_counter()
            backfill(
                as_of_dates,
                dbt,
                args.raw_data_dir,
                select=args.select,
                full_refresh=args.full_refresh,
                progress=progress,
                write=tqdm.write,
            )
    except BackfillError as error:
        print(f"backfill: {error}", file=sys.stderr)
        return 1
    print(
        f"backfill: {len(as_of_dates)} month-ends {as_of_dates[0]}..{as_of_dates[-1]} built in "
        f"{_duration(time.perf_counter() - started)} into {database} (raw data {args.raw_data_dir}, "
        f"dbt {dbt.name})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
