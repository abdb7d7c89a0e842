"""Stage B of a customer chunk: one row per account / loan per calendar day (deposit_balances, loan_balances).

Rows are built per slice of accounts with ``np.repeat`` (no Python loop per day or per row) and written as one
Parquet part file per table and chunk, in calendar-month order (within a month, account by account and day by
day), as a bank's daily extract accumulates month after month: a reader of one month reads only its row
groups.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from . import reference as ref
from .arrow_utils import codes_to_strings, date_array, decimal_array, ids, string_array
from .contract import MONEY
from .customers import AMORT_GRACE, AMORT_LINEAR, AMORT_PARTIAL, StageBInput
from .period import Period
from .plan import STREAM_BALANCES
from .writer import PartWriter, to_table

SLICE_ROWS = 2_000_000


def _slices(counts: np.ndarray, max_rows: int) -> list[tuple[int, int]]:
    """Contiguous index ranges whose total count stays <= max_rows (a single huge item gets its own range)."""
    out, lo, acc = [], 0, 0
    for i, c in enumerate(counts.tolist()):
        if acc and acc + c > max_rows:
            out.append((lo, i))
            lo, acc = i, 0
        acc += c
    if lo < len(counts):
        out.append((lo, len(counts)))
    return out


def _expand(first_t: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(item position, day index) of every row of items with ``counts`` consecutive days from ``first_t``."""
    rep = np.repeat(np.arange(len(counts)), counts)
    offset = np.arange(len(rep)) - np.repeat(np.cumsum(counts) - counts, counts)
    return rep, first_t[rep] + offset


def _in_month_order(slices: list[pa.Table]) -> pa.Table:
    """The rows of every slice, ordered by calendar month of balance_date (stable: the account and day
    order within a month is kept)."""
    table = pa.concat_tables(slices)
    months = table.column("balance_date").to_numpy().astype("datetime64[M]")
    return table.take(pa.array(np.argsort(months, kind="stable")))


def _rng(seed: int, chunk: int, sub: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAM_BALANCES, chunk, sub])))


def write_deposit_balances(inp: StageBInput, period: Period, out: Path) -> int:
    dep = inp.deposits
    rng = _rng(inp.seed, inp.chunk, 0)
    counts = np.maximum(dep.last_t - dep.first_t + 1, 0)
    log_level = np.log(np.where(dep.level > 0, dep.level, 1.0))
    slices = []
    for lo, hi in _slices(counts, SLICE_ROWS):
        c = counts[lo:hi]
        rep, t = _expand(dep.first_t[lo:hi], c)
        rw = np.cumsum(rng.standard_normal((hi - lo, period.n_months)) * dep.rw_sd[lo:hi, None], axis=1)
        z = rng.standard_normal(len(rep))
        g = rep + lo
        logb = log_level[g] + rw[rep, period.month_of_t[t]] + dep.amp[g] * period.season[t] + dep.sigma[g] * z
        bal = np.minimum(np.exp(logb), dep.cap[g]) * (dep.level[g] > 0)
        cents = np.round(bal * 100).astype(np.int64)
        acc_ids = string_array(ids("A", 8, np.arange(dep.first_number + lo, dep.first_number + hi)))
        slices.append(
            to_table(
                "deposit_balances",
                {
                    "account_id": acc_ids.take(rep.astype(np.int32)),
                    "balance_date": date_array(period.ds + t),
                    "balance": decimal_array(cents, MONEY),
                },
            )
        )
    with PartWriter(out, "deposit_balances", inp.chunk) as w:
        w.write(_in_month_order(slices))
    return w.rows


def write_loan_balances(inp: StageBInput, period: Period, out: Path) -> int:
    ln = inp.loans
    # loan balances are fully determined by the loan parameters drawn in stage A (no randomness here)
    counts = np.maximum(ln.last_t - ln.first_t + 1, 0)
    slices = []
    for lo, hi in _slices(counts, SLICE_ROWS):
        rep, t = _expand(ln.first_t[lo:hi], counts[lo:hi])
        g = rep + lo
        day = period.ds + t
        principal = ln.principal_cents[g]
        n = ln.n_months[g]
        k = np.floor((day - ln.start[g]) / 30.4375).astype(np.int64)
        linear = principal * (n - np.clip(k, 0, n - 1)) // n
        grace = ln.grace[g]
        n2 = n - grace
        after_grace = principal * (n2 - np.clip(k - grace, 0, n2 - 1)) // n2
        partial = np.where(day >= ln.drop_day[g], np.floor(principal * ln.drop_frac[g]), principal)
        amort = ln.amort[g]
        bal = np.select(
            [amort == AMORT_LINEAR, amort == AMORT_GRACE, amort == AMORT_PARTIAL],
            [linear, after_grace, partial.astype(np.int64)],
            principal,
        )
        bal = np.maximum(bal, 1)
        cls = np.where(t >= ln.worsen_t[g], ln.worse_class[g], 0)
        loan_ids = string_array(ids("L", 8, np.arange(ln.first_number + lo, ln.first_number + hi)))
        slices.append(
            to_table(
                "loan_balances",
                {
                    "loan_id": loan_ids.take(rep.astype(np.int32)),
                    "balance_date": date_array(day),
                    "balance": decimal_array(bal, MONEY),
                    "five_level_class": codes_to_strings(ref.FIVE_LEVEL_CLASSES, cls),
                },
            )
        )
    with PartWriter(out, "loan_balances", inp.chunk) as w:
        w.write(_in_month_order(slices))
    return w.rows


def run_stage_b(inp: StageBInput, out: Path) -> dict[str, int]:
    period = Period.build(inp.ds, inp.de)
    return {
        "deposit_balances": write_deposit_balances(inp, period, out),
        "loan_balances": write_loan_balances(inp, period, out),
    }
