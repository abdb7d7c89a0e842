"""Stage A of a customer chunk: customers, tags, deposit accounts, loans, fees and account activity.

The daily balance tables are produced in stage B (``balances.py``) from the per-account / per-loan parameters
returned here, so that the expensive part can run in worker processes while ids stay sequential.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import dates
from . import reference as ref
from .arrow_utils import (
    bool_array,
    codes_to_strings,
    date_array,
    decimal_array,
    ids,
    int32_array,
    string_array,
)
from .contract import MONEY, RATE
from .parties import Parties, generate_parties
from .period import Period
from .plan import (
    BOUNDARY_CUSTOMERS,
    SPECIAL_BOUNDARY_BASE,
    SPECIAL_NONE,
    SPECIAL_STRATEGIC_LOAN,
    SPECIAL_STRATEGIC_NO_LOAN,
    STREAM_CUSTOMERS,
    Plan,
    rng_for,
)

DAY_1995 = dates.to_day(dt.date(1995, 1, 1))
INDUSTRY_BY_CODE = {i.code: i for i in ref.ENT_INDUSTRIES}
BALANCE_CAP = 5.0  # a deposit balance never exceeds 5x its account's level (bounds total_bank_financing)
MAX_DEPOSIT_LEVEL_CNY = 3e10  # typical deposits of the largest customers
MAX_FINANCING_CNY = 9e11  # SPEC 8: a single amount above 1e12 CNY is absurd
N_TERMS = np.array([len(t) for t in ref.LOAN_TERMS])
TERMS_PAD = np.array([list(t) + [t[-1]] * (8 - len(t)) for t in ref.LOAN_TERMS])
AMORT_BULLET, AMORT_LINEAR, AMORT_GRACE, AMORT_PARTIAL = range(4)
WORSEN_P = np.array([0.03, 0.03, 0.04, 0.05, 0.07, 0.09, 0.14, 0.20, 0.28, 0.35])


def salt_for(seed: int) -> int:
    return (seed * 2_654_435_761 + 97) % (2**61)


@dataclass
class DepositParams:
    first_number: int
    first_t: np.ndarray
    last_t: np.ndarray
    product: np.ndarray
    level: np.ndarray  # typical balance in account currency
    cap: np.ndarray
    sigma: np.ndarray
    rw_sd: np.ndarray
    amp: np.ndarray
    dormant: np.ndarray


@dataclass
class LoanParams:
    first_number: int
    first_t: np.ndarray
    last_t: np.ndarray
    start: np.ndarray
    principal_cents: np.ndarray
    amort: np.ndarray
    n_months: np.ndarray
    grace: np.ndarray
    drop_day: np.ndarray
    drop_frac: np.ndarray
    worsen_t: np.ndarray
    worse_class: np.ndarray


@dataclass
class StageBInput:
    chunk: int
    seed: int
    ds: int
    de: int
    deposits: DepositParams
    loans: LoanParams


@dataclass
class ChunkResult:
    tables: dict[str, dict[str, pa.Array]]
    stage_b: StageBInput
    branch_counts: np.ndarray
    records: dict[int, dict[str, str]]
    n_accounts: int
    n_loans: int
    n_fees: int


def _choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One categorical draw per row of ``probs`` (rows sum to 1)."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs))[:, None] * cum[:, -1:]
    return np.minimum((u >= cum).sum(axis=1), probs.shape[1] - 1)


def _round_units(x: np.ndarray, step: float, scale: float) -> np.ndarray:
    """Round ``x`` to a multiple of ``step`` and return integer units of 1/scale."""
    return (np.round(x / step) * round(step * scale)).astype(np.int64)


def _apply_boundary(p: Parties, special: np.ndarray, rng: np.random.Generator) -> None:
    for i in np.flatnonzero(special >= SPECIAL_BOUNDARY_BASE):
        code, cents, emp = BOUNDARY_CUSTOMERS[special[i] - SPECIAL_BOUNDARY_BASE]
        ind = INDUSTRY_BY_CODE[code]
        p.industry[i] = code
        p.sales_cents[i], p.sales_valid[i] = cents, True
        p.size[i] = cents / 100
        p.assets_cny[i] = p.size[i] * ind.assets * float(np.exp(0.2 * rng.standard_normal()))
        p.assets_cents[i], p.assets_valid[i] = round(p.assets_cny[i] * 100), True
        p.employees[i], p.employees_valid[i] = emp, True
        city = ref.BRANCHES[p.branch[i]].city
        brand = (
            ref.BRAND_CHARS[rng.integers(len(ref.BRAND_CHARS))]
            + ref.BRAND_CHARS[rng.integers(len(ref.BRAND_CHARS))]
        )
        p.name[i] = f"{city}{brand}{ind.words[0]}有限公司"


def _tags(rng: np.random.Generator, p: Parties, special: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(customer position, tag label) rows, ordered by customer then tag."""
    n = p.n
    ind = p.industry.astype(str)
    sec = np.array([s[:1] for s in ind])
    div = np.array([s[:3] for s in ind])
    is_ent = p.org == ref.ENT
    pe = np.full(n, 0.05)
    pe[np.isin(div, ("I64", "I65"))] = 0.5
    pe[div == "C39"] = 0.3
    pe[ind == "F5176"] = 0.35
    pe[np.isin(div, ("F52", "H62", "O80", "O81"))] = 0.15
    pe[div == "K70"] = 0.08
    w = np.tile([1 / 3, 1 / 3, 1 / 3], (n, 1))
    w[sec == "I"] = (0.6, 0.2, 0.2)
    w[np.isin(sec, ("C", "D"))] = (0.15, 0.75, 0.10)
    w[np.isin(div, ("F52", "H62", "O80", "O81")) | (ind == "F5176")] = (0.25, 0.05, 0.70)
    w[div == "K70"] = (0.4, 0.3, 0.3)
    emerging = is_ent & (rng.random(n) < pe) & (special < SPECIAL_BOUNDARY_BASE)
    k = rng.choice(3, n, p=[0.7, 0.22, 0.08]) + 1
    keys = np.log(w) + rng.gumbel(size=(n, 3))
    rank = np.argsort(np.argsort(-keys, axis=1), axis=1)
    has_tag = np.zeros((n, 6), dtype=bool)
    has_tag[:, :3] = emerging[:, None] & (rank < k[:, None])
    green_p = np.where(np.isin(ind, ("D4415", "D4416", "N7721")), 0.5, 0.02)
    has_tag[:, 3] = is_ent & (rng.random(n) < green_p)
    has_tag[:, 4] = is_ent & (rng.random(n) < np.where(sec == "C", 0.06, 0.01))
    has_tag[:, 5] = is_ent & (rng.random(n) < np.where(np.isin(sec, ("C", "I", "M")), 0.08, 0.01))
    cust, tag = np.nonzero(has_tag)
    labels = np.array(ref.EMERGING_TAGS + ref.OTHER_TAGS, dtype=object)
    return cust, labels[tag]


def generate_customer_chunk(
    plan: Plan, period: Period, k: int, i0: int, i1: int, counters: dict
) -> ChunkResult:
    rng = rng_for(plan.seed, STREAM_CUSTOMERS, k)
    ds, de, nd = period.ds, period.de, period.n_days
    n = i1 - i0
    gidx = np.arange(i0, i1, dtype=np.int64)
    org = plan.org_type[i0:i1]
    grp = plan.group_of[i0:i1]
    special = plan.special[i0:i1]
    p = generate_parties(
        rng, org, grp, plan.group_strategic, plan.group_brands, gidx, salt_for(plan.seed), prospect=False
    )
    _apply_boundary(p, special, rng)
    is_ent = org == ref.ENT
    in_group = grp >= 0
    strat_member = np.zeros(n, dtype=bool)
    strat_member[in_group] = plan.group_strategic[grp[in_group]]
    size = p.size
    logz = np.log(np.maximum(size, 1e5) / 80e6)

    # --- relationship, lapsed customers, customer attributes --------------------------------------
    years = 31.75 * rng.random(n) ** 1.4
    rel = np.maximum(de - np.round(years * 365.25).astype(np.int64), DAY_1995)
    established = (special != SPECIAL_NONE) | strat_member
    rel = np.where(
        established, np.maximum(np.minimum(rel, ds - 365 - rng.integers(0, 3000, n)), DAY_1995), rel
    )
    lapsed = (rel <= ds - 400) & (special == SPECIAL_NONE) & (rng.random(n) < 0.025)
    vip = rng.random(n) < np.clip(0.08 + 0.2 * (size > 1e9) + 0.2 * strat_member, 0, 1)
    coop = rng.random(n) < np.clip(0.2 + 0.25 * (size > 5e8) + 0.3 * strat_member, 0, 1)
    satisfaction = rng.choice(5, n, p=[0.04, 0.10, 0.30, 0.36, 0.20]) + 1
    satisfaction_valid = rng.random(n) >= 0.15

    # --- deposit accounts -------------------------------------------------------------------------
    extra = rng.choice(4, n, p=[0.25, 0.35, 0.25, 0.15])
    extra = np.minimum(3, extra + ((size > 1e9) & (rng.random(n) < 0.3)))
    n_acc = 1 + extra
    na = int(n_acc.sum())
    ac = np.repeat(np.arange(n), n_acc)  # customer position of each account
    acc_start = np.cumsum(n_acc) - n_acc
    basic = np.arange(na) == np.repeat(acc_start, n_acc)
    acc_type = np.where(basic, 0, rng.choice(4, na, p=ref.EXTRA_ACCOUNT_TYPE_P))
    product = np.where(
        basic, rng.choice(4, na, p=ref.BASIC_PRODUCT_P), rng.choice(4, na, p=ref.EXTRA_PRODUCT_P)
    )
    cur_ent = rng.choice(4, na, p=[0.77, 0.14, 0.045, 0.045])
    cur_inst = rng.choice(4, na, p=[0.97, 0.02, 0.0, 0.01])
    acc_cur = np.where(basic, ref.CNY, np.where(is_ent[ac], cur_ent, cur_inst))
    term_idx = rng.choice(len(ref.TIME_TERMS), na, p=ref.TIME_TERM_P)
    is_time = product == ref.TIME
    term = ref.TIME_TERMS[term_idx]
    u = rng.random(na)
    lo = np.select(
        [product == ref.DEMAND, product == ref.NOTICE, product == ref.AGREEMENT],
        [ref.DEPOSIT_RATE_RANGE[g][0] for g in (ref.DEMAND, ref.NOTICE, ref.AGREEMENT)],
        ref.TIME_RATE_RANGE[term_idx, 0],
    )
    hi = np.select(
        [product == ref.DEMAND, product == ref.NOTICE, product == ref.AGREEMENT],
        [ref.DEPOSIT_RATE_RANGE[g][1] for g in (ref.DEMAND, ref.NOTICE, ref.AGREEMENT)],
        ref.TIME_RATE_RANGE[term_idx, 1],
    )
    dep_rate = _round_units(lo + u * (hi - lo), 0.00005, 1e6)

    rel_a = rel[ac]
    lapsed_a = lapsed[ac]
    open_basic = rel_a + rng.integers(0, 21, na)
    span_end = np.where(lapsed_a, ds - 60, de)
    open_extra = rel_a + np.floor(rng.random(na) * np.maximum(span_end - rel_a, 0)).astype(np.int64)
    open_d = np.minimum(np.where(basic, open_basic, open_extra), np.where(lapsed_a, ds - 60, de))
    close_p = np.array([0.0, 0.10, 0.10, 0.40])[acc_type]
    closing = (~basic & (rng.random(na) < close_p) & (open_d + 30 < de)) | lapsed_a
    horizon = np.where(lapsed_a, ds - 1, np.where(acc_type == 3, np.minimum(de, open_d + 730), de))
    close_d = open_d + 30 + np.floor(rng.random(na) * np.maximum(horizon - open_d - 30, 0)).astype(np.int64)
    close_d = np.where(closing, np.maximum(close_d, open_d + 1), 0)
    # open on day t when open <= d < close: first and last day index inside the period
    first_t = np.maximum(open_d, ds) - ds
    last_t = np.where(closing, np.minimum(close_d - 1, de), de) - ds
    dormant = ~basic & ~is_time & (rng.random(na) < 0.03)

    # deposit level of the customer (CNY), split over its accounts
    zc = rng.standard_normal(n)
    level_f = np.where(is_ent, 1.0, np.array([3.0, 2.0, 1.0, 0.4])[np.maximum(p.admin, 0)])
    cust_level = np.choose(
        org,
        [
            size * np.exp(np.log(0.05) + 1.0 * zc),
            np.exp(np.log(3e7) + 1.3 * zc) * level_f,
            np.exp(np.log(8e6) + 1.2 * zc) * level_f + 0.1 * size,
            np.exp(np.log(6e5) + 1.2 * zc) * level_f,
        ],
    )
    cust_level = np.clip(cust_level, 2000.0, MAX_DEPOSIT_LEVEL_CNY)
    w = np.array([0.5, 0.8, 0.5, 1.0])[product] * np.exp(0.6 * rng.standard_normal(na))
    w = np.where(basic, np.exp(0.4 * rng.standard_normal(na)), w) * np.where(acc_cur != ref.CNY, 0.4, 1.0)
    w = w / np.bincount(ac, weights=w, minlength=n)[ac]
    level = np.where(dormant, 0.0, cust_level[ac] * w / ref.FX_NOMINAL[acc_cur])
    level = np.maximum(level, np.where(dormant, 0.0, 100.0))
    sigma = np.select(
        [is_time, product == ref.DEMAND],
        [0.0, rng.uniform(0.05, 0.25, na)],
        rng.uniform(0.01, 0.04, na),
    )
    rw_sd = np.where(is_time, 0.0, rng.uniform(0.04, 0.12, na))
    amp = np.where(is_time, 0.0, rng.uniform(0.5, 1.5, na) * np.where(product == ref.DEMAND, 1.0, 0.4))
    cap = level * BALANCE_CAP
    a0 = counters["account"]
    acc_numbers = np.arange(a0 + 1, a0 + na + 1)
    counters["account"] = a0 + na

    # --- loans ------------------------------------------------------------------------------------
    p_loan = np.where(is_ent, 0.45 + 0.12 * np.tanh(logz / 1.5) + 0.1 * in_group, 0.30)
    has_loan = (rng.random(n) < p_loan) & (rel <= de - 60) & ~lapsed
    forced = (special == SPECIAL_STRATEGIC_LOAN) | (special >= SPECIAL_BOUNDARY_BASE)
    has_loan = (has_loan | forced) & (special != SPECIAL_STRATEGIC_NO_LOAN)
    n_loans = np.where(has_loan, rng.choice(5, n, p=[0.4, 0.25, 0.17, 0.10, 0.08]) + 1, 0)
    nl = int(n_loans.sum())
    lc = np.repeat(np.arange(n), n_loans)
    first_loan = np.zeros(nl, dtype=bool)
    first_loan[(np.cumsum(n_loans) - n_loans)[n_loans > 0]] = True
    prod_ent = rng.choice(8, nl, p=ref.LOAN_PRODUCT_P_ENT)
    prod_inst = rng.choice(8, nl, p=ref.LOAN_PRODUCT_P_INST)
    lprod = np.where(is_ent[lc], prod_ent, prod_inst)
    live = first_loan & forced[lc]  # forced customers: a live working-capital loan on the end date
    lprod = np.where(live, ref.WORKING_CAPITAL, lprod)
    lterm = TERMS_PAD[lprod, np.floor(rng.random(nl) * N_TERMS[lprod]).astype(np.int64)]
    lterm = np.where(live, 12, lterm)
    term_days = np.round(lterm * 30.44).astype(np.int64)
    five_y = 5 * 365
    long_term = np.isin(lprod, (ref.FIXED_ASSET, ref.PROJECT))
    u = rng.random(nl)
    cat_hist = (u < 0.08) & (term_days + 30 < five_y)
    cat_pre = ~cat_hist & (u < np.where(long_term, 0.6, 0.3))
    v = rng.random(nl)
    start_in = ds + np.floor(v * (nd - 1)).astype(np.int64)
    start_pre = ds - 1 - np.floor(v * np.minimum(five_y, term_days - 1)).astype(np.int64)
    start_hist = ds - term_days - 30 - np.floor(v * np.maximum(five_y - term_days - 30, 0)).astype(np.int64)
    lstart = np.select([cat_hist, cat_pre], [start_hist, start_pre], start_in)
    # most borrowers roll their credit over: their first loan is still outstanding on the end date
    rolling = first_loan & ~live & (rng.random(nl) < 0.7)
    start_live = np.maximum(de - np.floor(rng.random(nl) * (term_days - 10)).astype(np.int64), ds - five_y)
    lstart = np.where(rolling, start_live, lstart)
    lstart = np.where(live, de - rng.integers(30, 181, nl), lstart)
    lstart = np.maximum(lstart, rel[lc] + 1 + rng.integers(0, 31, nl))
    lstart = np.minimum(lstart, de - 1)
    plus_one = (lprod == ref.WORKING_CAPITAL) & (lterm == 12) & (rng.random(nl) < 0.08) & ~live
    lmat = dates.add_months(lstart, lterm) + plus_one
    discount_days = (lprod == ref.DISCOUNT) & (rng.random(nl) < 0.5)
    lmat = np.where(discount_days, lstart + rng.integers(60, 361, nl), lmat)
    foreign_p = np.where(np.isin(lprod, (ref.TRADE_FINANCE, ref.LETTER_OF_CREDIT)), 0.4, 0.06)
    lcur = np.where(
        is_ent[lc] & (rng.random(nl) < foreign_p) & ~live,
        rng.choice([1, 2, 3], nl, p=[0.6, 0.2, 0.2]),
        ref.CNY,
    )
    base = np.where(is_ent[lc], size[lc], np.maximum(size[lc], 0.1 * p.assets_cny[lc]))
    base = np.maximum(base, 2e6)
    prod_mult = np.array([1.0, 1.5, 2.5, 0.6, 0.5, 0.6, 0.4, 0.4])[lprod]
    principal_cny = base * np.exp(rng.uniform(np.log(0.015), np.log(0.35), nl)) * prod_mult
    principal_cny = np.clip(principal_cny, 100_000.0, 8e9)
    principal = principal_cny / ref.FX_NOMINAL[lcur]
    principal = np.where(principal >= 1e6, np.round(principal / 1e4) * 1e4, np.round(principal / 1e3) * 1e3)
    principal_cents = (np.maximum(principal, 100_000.0) * 100).astype(np.int64)
    grade = rng.choice(10, nl, p=ref.RISK_GRADE_P) + 1
    better = ((~is_ent[lc]) & (rng.random(nl) < 0.5)) | ((size[lc] > 1e9) & (rng.random(nl) < 0.3))
    grade = np.clip(grade - better, 1, 10)
    span = max(de - (ds - five_y), 1)
    frac = np.clip((lstart - (ds - five_y)) / span, 0, 1)
    lpr = np.where(lterm > 60, 0.042 - 0.006 * frac, 0.0345 - 0.0035 * frac)
    rate = np.clip(lpr - 0.004 + 0.0035 * (grade - 1) + 0.0015 * rng.standard_normal(nl), 0.025, 0.07)
    off_rate = np.select(
        [lprod == ref.ACCEPTANCE, lprod == ref.GUARANTEE],
        [np.full(nl, 0.0005), rng.uniform(0.005, 0.01, nl)],
        rng.uniform(0.001, 0.0025, nl),
    )
    is_off = np.isin(lprod, ref.OFF_BALANCE)
    loan_rate = np.where(is_off, _round_units(off_rate, 0.0001, 1e6), _round_units(rate, 0.00005, 1e6))
    collateral = _choice_rows(rng, np.asarray(ref.COLLATERAL_P)[lprod])
    amort = np.select(
        [
            lprod == ref.FIXED_ASSET,
            lprod == ref.PROJECT,
            (lprod == ref.WORKING_CAPITAL) & (rng.random(nl) < 0.25),
        ],
        [AMORT_LINEAR, AMORT_GRACE, AMORT_PARTIAL],
        AMORT_BULLET,
    )
    l_first_t = np.maximum(lstart, ds) - ds
    l_last_t = np.minimum(lmat - 1, de) - ds
    worsen = rng.random(nl) < WORSEN_P[grade - 1]
    worsen_t = np.where(
        worsen,
        l_first_t
        - 180
        + np.floor(rng.random(nl) * np.maximum(l_last_t - l_first_t + 181, 1)).astype(np.int64),
        nd + 1,
    )
    worse_class = rng.choice(4, nl, p=ref.WORSE_CLASS_P) + 1
    l0 = counters["loan"]
    loan_numbers = np.arange(l0 + 1, l0 + nl + 1)
    counters["loan"] = l0 + nl
    loan_params = LoanParams(
        first_number=l0 + 1,
        first_t=l_first_t,
        last_t=l_last_t,
        start=lstart,
        principal_cents=principal_cents,
        amort=amort,
        n_months=lterm,
        grace=np.where(amort == AMORT_GRACE, np.minimum(24, lterm // 4), 0),
        drop_day=lstart + np.floor(rng.uniform(0.2, 0.9, nl) * (lmat - lstart)).astype(np.int64),
        drop_frac=rng.uniform(0.3, 0.9, nl),
        worsen_t=worsen_t,
        worse_class=worse_class,
    )

    # --- total financing from all banks: above every balance we can hold --------------------------
    fx_max = plan.fx_max
    bound = np.bincount(ac, weights=cap * fx_max[acc_cur], minlength=n)
    bound += np.bincount(lc, weights=principal_cents / 100 * fx_max[lcur], minlength=n)
    mult = np.maximum(np.exp(np.log(2.5) + 0.5 * rng.standard_normal(n)), 1.1)
    tbf = np.where(bound > 0, bound * mult, np.maximum(size, 1e6) * rng.uniform(0.05, 0.5, n))
    tbf = np.maximum(np.minimum(tbf, MAX_FINANCING_CNY), bound * 1.05)  # stays below the 1e12 'absurd' line
    tbf_cents = np.ceil(tbf * 100).astype(np.int64)
    tbf_valid = rng.random(n) >= 0.20

    # --- account activity: one row per account per month open in the period -----------------------
    has_days = last_t >= first_t
    fm = np.where(has_days, period.month_of_t[np.clip(first_t, 0, nd - 1)], 0)
    lm = np.where(has_days, period.month_of_t[np.clip(last_t, 0, nd - 1)], -1)
    nm = np.maximum(lm - fm + 1, 0)
    act_acc = np.repeat(np.arange(na), nm)
    act_m = np.repeat(fm, nm) + (np.arange(int(nm.sum())) - np.repeat(np.cumsum(nm) - nm, nm))
    mf, ml = period.month_first_t[act_m], period.month_last_t[act_m]
    open_days = np.minimum(last_t[act_acc], ml) - np.maximum(first_t[act_acc], mf) + 1
    month_frac = open_days / (ml - mf + 1)
    sizef = np.clip((np.maximum(size, 1e6) / 80e6) ** 0.3, 0.2, 8.0)
    lam_type = np.array([30.0, 12.0, 6.0, 4.0])[acc_type] * np.where(basic, sizef[ac] ** 1.2, sizef[ac])
    lam_type *= np.where(org[ac] == ref.GOV, 2.0, 1.0)
    lam = np.select([is_time, product == ref.NOTICE], [0.1, 0.3], lam_type) * np.where(dormant, 0.0, 1.0)
    txn_count = rng.poisson(lam[act_acc] * month_frac)
    level_cny = level * ref.FX_NOMINAL[acc_cur]
    ticket = (
        2.0
        * level_cny[act_acc]
        / np.maximum(lam[act_acc], 0.1)
        * np.exp(0.3 * rng.standard_normal(len(act_acc)))
    )
    txn_amount_cents = np.round(txn_count * ticket * 100).astype(np.int64)

    # --- fees -------------------------------------------------------------------------------------
    fee_rows = _fees(
        rng,
        period,
        p,
        size,
        sizef,
        in_group,
        (ac, acc_cur, open_d, close_d, closing),
        (lc, lcur, lprod),
        counters,
    )
    fee_cust = fee_rows.pop("_cust")

    # --- tags -------------------------------------------------------------------------------------
    tag_cust, tag_label = _tags(rng, p, special)

    # --- assemble ---------------------------------------------------------------------------------
    cust_ids = ids("C", 7, gidx + 1)
    acc_ids = ids("A", 8, acc_numbers)
    group_ids = np.array([f"G{g + 1:05d}" if g >= 0 else None for g in grp], dtype=object)
    admin_labels = np.array([ref.ADMIN_LEVELS[a] if a >= 0 else None for a in p.admin], dtype=object)
    tables = {
        "customers": {
            "customer_id": string_array(cust_ids),
            "customer_name": string_array(p.name),
            "uscc": string_array(p.uscc),
            "org_type": codes_to_strings(ref.ORG_TYPES, org),
            "industry_code": string_array(p.industry),
            "branch_code": string_array(p.branch_code),
            "region_code": string_array(p.region_code),
            "group_id": string_array(group_ids, in_group),
            "admin_level": string_array(admin_labels, p.admin >= 0),
            "annual_sales_cny": decimal_array(p.sales_cents, MONEY, p.sales_valid),
            "total_assets_cny": decimal_array(p.assets_cents, MONEY, p.assets_valid),
            "employees": int32_array(p.employees, p.employees_valid),
            "relationship_start_date": date_array(rel),
            "exec_is_vip": bool_array(vip),
            "has_cooperation_agreement": bool_array(coop),
            "satisfaction_score": int32_array(satisfaction, satisfaction_valid),
            "total_bank_financing_cny": decimal_array(tbf_cents, MONEY, tbf_valid),
        },
        "customer_tags": {
            "customer_id": string_array(cust_ids[tag_cust]),
            "tag": string_array(tag_label),
        },
        "deposit_accounts": {
            "account_id": string_array(acc_ids),
            "customer_id": string_array(cust_ids[ac]),
            "account_type": codes_to_strings(ref.ACCOUNT_TYPES, acc_type),
            "product_code": codes_to_strings(ref.DEPOSIT_PRODUCTS, product),
            "currency": codes_to_strings(ref.CURRENCIES, acc_cur),
            "interest_rate": decimal_array(dep_rate, RATE),
            "term_months": int32_array(term, is_time),
            "open_date": date_array(open_d),
            "close_date": date_array(close_d, closing),
        },
        "loans": {
            "loan_id": string_array(ids("L", 8, loan_numbers)),
            "customer_id": string_array(cust_ids[lc]),
            "product_code": codes_to_strings(ref.LOAN_PRODUCTS, lprod),
            "currency": codes_to_strings(ref.CURRENCIES, lcur),
            "principal_amount": decimal_array(principal_cents, MONEY),
            "start_date": date_array(lstart),
            "maturity_date": date_array(lmat),
            "interest_rate": decimal_array(loan_rate, RATE),
            "collateral_type": codes_to_strings(ref.COLLATERAL_TYPES, collateral),
            "risk_grade": int32_array(grade),
        },
        "account_activity": {
            "account_id": string_array(acc_ids[act_acc]),
            "activity_month": date_array(ds + period.month_first_t[act_m]),
            "txn_count": int32_array(txn_count),
            "txn_amount_cny": decimal_array(txn_amount_cents, MONEY),
        },
        "fees": {**fee_rows, "customer_id": string_array(cust_ids[fee_cust])},
    }
    deposits = DepositParams(
        first_number=a0 + 1,
        first_t=first_t,
        last_t=last_t,
        product=product,
        level=level,
        cap=cap,
        sigma=sigma,
        rw_sd=rw_sd,
        amp=amp,
        dormant=dormant,
    )
    records = {}
    for pos in np.flatnonzero(np.isin(gidx, plan.wanted_customers)):
        records[int(gidx[pos])] = {
            "customer_name": p.name[pos],
            "uscc": p.uscc[pos],
            "org_type": ref.ORG_TYPES[org[pos]],
            "industry_code": p.industry[pos],
            "branch_code": p.branch_code[pos],
            "region_code": p.region_code[pos],
        }
    return ChunkResult(
        tables=tables,
        stage_b=StageBInput(k, plan.seed, ds, de, deposits, loan_params),
        branch_counts=np.bincount(p.branch, minlength=len(ref.BRANCHES)),
        records=records,
        n_accounts=na,
        n_loans=nl,
        n_fees=len(tables["fees"]["fee_id"]),
    )


def _fees(rng, period, p, size, sizef, in_group, accounts, loans, counters) -> dict:
    """Fee events: Poisson counts per customer, fee type and month the customer is active."""
    ac, acc_cur, open_d, close_d, closing = accounts
    lc, lcur, lprod = loans
    n, ds, de = p.n, period.ds, period.de
    is_ent = p.org == ref.ENT
    active_from = np.full(n, de + 1, dtype=np.int64)
    np.minimum.at(active_from, ac, open_d)
    active_to = np.full(n, ds - 1, dtype=np.int64)
    np.maximum.at(active_to, ac, np.where(closing, close_d - 1, de))
    af_t = np.maximum(active_from, ds) - ds
    at_t = np.minimum(active_to, de) - ds
    mf, ml = period.month_first_t, period.month_last_t
    month_ok = (mf[None, :] <= at_t[:, None]) & (ml[None, :] >= af_t[:, None])

    foreign = np.bincount(ac, weights=(acc_cur != ref.CNY), minlength=n) > 0
    foreign |= np.bincount(lc, weights=(lcur != ref.CNY), minlength=n) > 0
    off = np.bincount(lc, weights=np.isin(lprod, ref.OFF_BALANCE), minlength=n) > 0
    cash_p = np.where((size > 5e8) | in_group, 0.25, np.where(p.org == ref.GOV, 0.15, 0.02))
    cash_client = rng.random(n) < cash_p
    custody_p = np.where(np.isin(p.org, (ref.PUB, ref.SOC)), 0.08, np.where(size > 1e9, 0.05, 0.0))
    custody_client = rng.random(n) < custody_p
    lam = np.stack(
        [
            np.where(is_ent, 0.9, 0.55),
            np.where(foreign, 0.6, np.where(is_ent, 0.02, 0.0)),
            np.where(off, 0.35, 0.0),
            np.where(cash_client, 0.9, 0.0),
            np.where(is_ent, np.where(size > 3e8, 0.045, 0.012), 0.0),
            np.where(custody_client, 0.8, 0.0),
            np.where(is_ent & (size > 2e9), 0.02, 0.0),
        ],
        axis=1,
    )
    counts = rng.poisson(lam[:, :, None] * month_ok[:, None, :])
    cust, ftype, month = np.nonzero(counts)
    rep = counts[cust, ftype, month]
    cust, ftype, month = np.repeat(cust, rep), np.repeat(ftype, rep), np.repeat(month, rep)
    lo = np.maximum(mf[month], af_t[cust])
    hi = np.minimum(ml[month], at_t[cust])
    day = ds + lo + np.floor(rng.random(len(cust)) * (hi - lo + 1)).astype(np.int64)
    order = np.lexsort((ftype, day, cust))
    cust, ftype, day = cust[order], ftype[order], day[order]
    nf = len(cust)
    intl_cur = rng.choice(4, nf, p=[0.2, 0.55, 0.15, 0.1])
    other_cur = rng.choice(4, nf, p=[0.97, 0.02, 0.0, 0.01])
    cur = np.where(ftype == 1, intl_cur, other_cur)
    income_cny = (
        ref.FEE_MEDIAN_CNY[ftype] * sizef[cust] * np.exp(ref.FEE_SIGMA[ftype] * rng.standard_normal(nf))
    )
    income_cents = np.maximum(np.round(income_cny / ref.FX_NOMINAL[cur] * 100), 100).astype(np.int64)
    expense_cents = np.where(
        rng.random(nf) < 0.25, 0, np.floor(income_cents * rng.uniform(0.02, 0.4, nf))
    ).astype(np.int64)
    f0 = counters["fee"]
    counters["fee"] = f0 + nf
    return {
        "fee_id": string_array(ids("F", 9, np.arange(f0 + 1, f0 + nf + 1))),
        "_cust": cust,
        "fee_date": date_array(day),
        "fee_type": codes_to_strings(ref.FEE_TYPES, ftype),
        "currency": codes_to_strings(ref.CURRENCIES, cur),
        "income_amount": decimal_array(income_cents, MONEY),
        "expense_amount": decimal_array(expense_cents, MONEY),
    }
