"""Tables that do not belong to a customer chunk: ftp_curve, fx_rates, cost_pools and strategic_list."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from . import dates
from . import reference as ref
from .arrow_utils import date_array, decimal_array, int32_array, string_array
from .contract import FX, MONEY, RATE
from .period import Period
from .plan import STREAM_MARKET, STREAM_STRATEGIC, Plan, rng_for


def ftp_curve_columns(plan: Plan) -> dict[str, pa.Array]:
    n_dates, n_terms = plan.ftp_rates.shape
    return {
        "curve_date": date_array(np.repeat(plan.ftp_days, n_terms)),
        "term_months": int32_array(np.tile(ref.FTP_TERMS, n_dates)),
        "ftp_rate": decimal_array(np.round(plan.ftp_rates.ravel() * 1e6).astype(np.int64), RATE),
    }


def fx_rates_columns(plan: Plan) -> dict[str, pa.Array]:
    n_days = len(plan.fx_days)
    currencies = np.array(ref.CURRENCIES[1:], dtype=object)
    return {
        "rate_date": date_array(np.repeat(plan.fx_days, 3)),
        "currency": string_array(np.tile(currencies, n_days)),
        "cny_per_unit": decimal_array(np.round(plan.fx_rates.ravel() * 1e8).astype(np.int64), FX),
    }


def cost_pools_columns(plan: Plan, period: Period, branch_counts: np.ndarray) -> dict[str, pa.Array]:
    rng = rng_for(plan.seed, STREAM_MARKET, 1)
    nb, nm, npool = len(ref.BRANCHES), period.n_months, len(ref.COST_POOLS)
    b, m, q = (a.ravel() for a in np.meshgrid(np.arange(nb), np.arange(nm), np.arange(npool), indexing="ij"))
    amount = (ref.COST_FIXED[q] + ref.COST_PER_CUSTOMER[q] * branch_counts[b]) * (1 + 0.004 * m)
    amount *= np.exp(0.12 * rng.standard_normal(len(b)))
    return {
        "branch_code": string_array(np.array(ref.BRANCH_CODES, dtype=object)[b]),
        "cost_month": date_array(period.ds + period.month_first_t[m]),
        "pool_code": string_array(np.array(ref.COST_POOLS, dtype=object)[q]),
        "amount_cny": decimal_array(np.round(amount * 100).astype(np.int64), MONEY),
    }


def _year_start(day: int) -> int:
    return dates.to_day(dt.date(dates.from_day(day).year, 1, 1))


def strategic_list_columns(plan: Plan, names: dict[int, str]) -> dict[str, pa.Array]:
    """94 groups (fewer when the run has too few groups) and ~10 customers effective on the end date, plus
    expired and future entries. ``names`` maps customer index -> customer_name."""
    rng = rng_for(plan.seed, STREAM_STRATEGIC)
    de, ds = plan.de, plan.ds
    rows: list[tuple[str, str, str, int, int | None]] = []

    # effective_from: published list dates (1 January, sometimes 1 April / 1 July), never after the end date
    def current_from(count: int) -> np.ndarray:
        years_back = rng.choice(4, count, p=[0.45, 0.25, 0.2, 0.1])
        base = np.array([_year_start(de) - 0] * count, dtype=np.int64)
        out = np.array(
            [dates.add_months(np.array([b]), -12 * int(y))[0] for b, y in zip(base, years_back, strict=True)]
        )
        mid = rng.random(count) < 0.2
        out = np.where(mid, dates.add_months(out, rng.choice([3, 6], count)), out)
        return np.minimum(out, de)

    def open_or_future_to(count: int) -> list[int | None]:
        to = dates.add_months(np.full(count, _year_start(de)), 12 * rng.integers(1, 3, count)) - 1
        return [int(t) if rng.random() < 0.15 else None for t in to]

    g_from = current_from(len(plan.strategic_groups))
    g_to = open_or_future_to(len(plan.strategic_groups))
    for g, f, t in zip(plan.strategic_groups, g_from, g_to, strict=True):
        rows.append(("GROUP", f"G{g + 1:05d}", plan.group_names[g], int(f), t))
    c_from = current_from(len(plan.strategic_customers))
    c_to = open_or_future_to(len(plan.strategic_customers))
    for c, f, t in zip(plan.strategic_customers, c_from, c_to, strict=True):
        rows.append(("CUSTOMER", f"C{c + 1:07d}", names[int(c)], int(f), t))

    # expired entries: effective_to at least three months before the end date
    latest_to = dates.add_months(np.array([de]), -3)[0] - 1
    from_by_group = dict(zip(plan.strategic_groups.tolist(), g_from.tolist(), strict=True))
    for g in plan.relisted_groups:  # an earlier listing of a group that is strategic again today
        to = min(from_by_group[int(g)] - 1 - int(rng.integers(0, 200)), latest_to)
        frm = _year_start(dates.add_months(np.array([to]), -36)[0])
        rows.append(("GROUP", f"G{g + 1:05d}", plan.group_names[g], frm, to))
    expired = [("GROUP", g, f"G{g + 1:05d}") for g in plan.expired_groups]
    expired += [("CUSTOMER", c, f"C{c + 1:07d}") for c in plan.expired_customers]
    for kind, idx, eid in expired:
        to = int(ds + rng.integers(0, max(latest_to - ds, 1)))
        frm = _year_start(dates.add_months(np.array([to]), -int(rng.integers(12, 48)))[0])
        name = plan.group_names[idx] if kind == "GROUP" else names[int(idx)]
        rows.append((kind, eid, name, frm, min(to, latest_to)))

    # future entries: effective after the end date
    future = [("GROUP", g, f"G{g + 1:05d}") for g in plan.future_groups]
    future += [("CUSTOMER", c, f"C{c + 1:07d}") for c in plan.future_customers]
    for kind, idx, eid in future:
        frm = int(dates.month_first_day(dates.month_index(np.array([de])) + int(rng.integers(1, 7)))[0])
        name = plan.group_names[idx] if kind == "GROUP" else names[int(idx)]
        rows.append((kind, eid, name, frm, None))

    rows.sort(key=lambda r: (r[0], r[1], r[3]))
    to_valid = np.array([r[4] is not None for r in rows], dtype=bool)
    return {
        "entity_type": string_array([r[0] for r in rows]),
        "entity_id": string_array([r[1] for r in rows]),
        "entity_name": string_array([r[2] for r in rows]),
        "effective_from": date_array(np.array([r[3] for r in rows], dtype=np.int64)),
        "effective_to": date_array(np.array([r[4] or 0 for r in rows], dtype=np.int64), to_valid),
    }
