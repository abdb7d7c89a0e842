"""CLI: ``python -m demo_data --out DIR [--customers 3000] [--prospects N] [--months 24]
[--end-date 2026-09-30] [--seed 42] [--chunk-size 20000] [--jobs 1] [--quiet]
[--inject-faults] [--file-fault KIND:TABLE[:COLUMN] ...]``."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .faults import FILE_FAULT_KINDS
from .generator import run
from .plan import DEFAULT_CHUNK_SIZE, DEFAULT_END_DATE, Config


def parse_args(argv: list[str] | None = None) -> Config:
    parser = argparse.ArgumentParser(
        prog="python -m demo_data",
        description="Generate the seeded demo raw data (one folder of Parquet part files per table).",
    )
    parser.add_argument("--out", type=Path, required=True, help="output directory (raw_data_dir)")
    parser.add_argument("--customers", type=int, default=3000, help="number of customers (default 3000)")
    parser.add_argument(
        "--prospects", type=int, default=None, help="number of prospects (default customers // 5)"
    )
    parser.add_argument("--months", type=int, default=24, help="months of daily history ending with end-date")
    parser.add_argument(
        "--end-date",
        type=dt.date.fromisoformat,
        default=DEFAULT_END_DATE,
        help=f"last day of the data, YYYY-MM-DD (default {DEFAULT_END_DATE.isoformat()})",
    )
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=DEFAULT_CHUNK_SIZE,
        help=f"customers per chunk and part file (default {DEFAULT_CHUNK_SIZE}); changes the data",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="worker processes for the daily balance tables (0 = all CPUs); output does not depend on it",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument(
        "--inject-faults",
        action="store_true",
        help="corrupt the data with every row-level fault kind (seeded by --seed); manifest in OUT/_faults/",
    )
    parser.add_argument(
        "--file-fault",
        action="append",
        default=[],
        metavar="KIND:TABLE[:COLUMN]",
        help=f"also apply a whole-file fault (repeatable); KIND one of {', '.join(FILE_FAULT_KINDS)}",
    )
    a = parser.parse_args(argv)
    return Config(
        out=a.out,
        customers=a.customers,
        prospects=a.prospects,
        months=a.months,
        end_date=a.end_date,
        seed=a.seed,
        chunk_size=a.chunk_size,
        jobs=a.jobs,
        quiet=a.quiet,
        inject_faults=a.inject_faults,
        file_faults=tuple(a.file_fault),
    )


def main(argv: list[str] | None = None) -> int:
    cfg = parse_args(argv)
    try:
        run(cfg)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
