"""Orchestration: plan -> customer chunks (stage A in this process, stage B balances inline or in workers)
-> prospect chunks -> chunk-independent tables. Memory is bounded by the chunk size, not the run size."""

from __future__ import annotations

import multiprocessing as mp
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
from tqdm import tqdm

from . import reference as ref
from .balances import run_stage_b
from .contract import CONTRACT, TABLES
from .customers import generate_customer_chunk
from .faults import clear_manifest, fault_kinds, inject_file_fault, inject_row_faults, parse_file_fault
from .market import cost_pools_columns, ftp_curve_columns, fx_rates_columns, strategic_list_columns
from .period import Period
from .plan import Config, build_plan
from .prospects import generate_prospect_chunk
from .writer import part_path, prepare_output, write_part

MAX_CUSTOMERS = 9_999_999  # 'C' + 7 digits


def _empty_columns(table: str) -> dict[str, pa.Array]:
    return {name: pa.array([], type=typ) for name, typ in CONTRACT[table]["columns"].items()}


def validate(cfg: Config) -> None:
    if not 1 <= cfg.customers <= MAX_CUSTOMERS:
        raise ValueError(f"--customers must be between 1 and {MAX_CUSTOMERS}")
    if not 0 <= cfg.n_prospects <= MAX_CUSTOMERS:
        raise ValueError(f"--prospects must be between 0 and {MAX_CUSTOMERS}")
    if cfg.months < 1:
        raise ValueError("--months must be >= 1")
    if cfg.chunk_size < 1:
        raise ValueError("--chunk-size must be >= 1")
    if cfg.end_date.year < 1999:
        raise ValueError("--end-date must be 1999 or later (history starts in 1995)")
    for text in cfg.file_faults:
        parse_file_fault(text)


def generate(cfg: Config) -> dict[str, int]:
    """Generate every raw table under ``cfg.out``; returns row counts per table."""
    validate(cfg)
    out = Path(cfg.out)
    prepare_output(out)
    plan = build_plan(cfg)
    period = Period.build(plan.ds, plan.de)
    counts = dict.fromkeys(TABLES, 0)
    counters = {"account": 0, "loan": 0, "fee": 0}
    branch_counts = np.zeros(len(ref.BRANCHES), dtype=np.int64)
    records: dict[int, dict] = {}
    customer_chunks = plan.chunks(cfg.customers)
    prospect_chunks = plan.chunks(cfg.n_prospects)
    jobs = cfg.jobs if cfg.jobs > 0 else (mp.cpu_count() or 1)
    bar = tqdm(
        total=len(customer_chunks) + len(prospect_chunks),
        desc="demo_data",
        unit="chunk",
        file=sys.stderr,
        disable=cfg.quiet,
    )
    executor = ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn")) if jobs > 1 else None
    pending: deque[Future] = deque()

    def collect(result: dict[str, int]) -> None:
        for table, rows in result.items():
            counts[table] += rows
        bar.update(1)

    try:
        for k, (i0, i1) in enumerate(customer_chunks):
            res = generate_customer_chunk(plan, period, k, i0, i1, counters)
            for table, cols in res.tables.items():
                counts[table] += write_part(out, table, k, cols)
            branch_counts += res.branch_counts
            records.update(res.records)
            if executor is None:
                collect(run_stage_b(res.stage_b, out))
            else:
                pending.append(executor.submit(run_stage_b, res.stage_b, out))
                while len(pending) > jobs:
                    collect(pending.popleft().result())
        for k, (j0, j1) in enumerate(prospect_chunks):
            counts["prospects"] += write_part(
                out, "prospects", k, generate_prospect_chunk(plan, k, j0, j1, records)
            )
            bar.update(1)
        while pending:
            collect(pending.popleft().result())
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)
        bar.close()

    names = {i: r["customer_name"] for i, r in records.items()}
    counts["ftp_curve"] += write_part(out, "ftp_curve", 0, ftp_curve_columns(plan))
    counts["fx_rates"] += write_part(out, "fx_rates", 0, fx_rates_columns(plan))
    counts["cost_pools"] += write_part(out, "cost_pools", 0, cost_pools_columns(plan, period, branch_counts))
    counts["strategic_list"] += write_part(out, "strategic_list", 0, strategic_list_columns(plan, names))
    for table in TABLES:  # every table folder holds at least one (possibly empty) part file
        if not part_path(out, table, 0).exists():
            write_part(out, table, 0, _empty_columns(table))
    clear_manifest(out)
    return counts


def inject_faults(cfg: Config) -> list[dict]:
    """Apply the faults asked for in ``cfg`` to the freshly generated data; returns the manifest rows."""
    rows = inject_row_faults(cfg.out, cfg.seed) if cfg.inject_faults else []
    for text in cfg.file_faults:
        rows.append(inject_file_fault(cfg.out, *parse_file_fault(text)))
    return rows


def summary_line(counts: dict[str, int], seconds: float | None = None) -> str:
    text = "rows: " + " ".join(f"{t}={counts[t]:,}" for t in TABLES) + f" (total {sum(counts.values()):,})"
    return text + (f" in {seconds:.1f}s" if seconds is not None else "")


def run(cfg: Config) -> dict[str, int]:
    started = time.perf_counter()
    counts = generate(cfg)
    print(summary_line(counts, time.perf_counter() - started))
    if cfg.inject_faults or cfg.file_faults:
        faults = inject_faults(cfg)
        print(
            f"faults: {len(faults)} manifest rows, {len(fault_kinds(faults))} kinds "
            f"-> {Path(cfg.out) / '_faults' / 'manifest.csv'}"
        )
    return counts
