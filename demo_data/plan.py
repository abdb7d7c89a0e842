"""Run configuration and the global plan: everything that spans chunks (org types, groups, strategic picks,
deliberate duplicates, FX and FTP histories). It is O(customers) small arrays, never balances."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import dates
from . import reference as ref

DEFAULT_END_DATE = dt.date(2026, 9, 30)
DEFAULT_CHUNK_SIZE = 20_000

# stream ids of the seeded generators (SeedSequence([seed, stream, chunk]))
STREAM_PLAN, STREAM_CUSTOMERS, STREAM_BALANCES, STREAM_PROSPECTS, STREAM_MARKET, STREAM_STRATEGIC = range(6)

# special roles of customers (plan.special)
SPECIAL_NONE = 0
SPECIAL_STRATEGIC_LOAN = 1  # strategic CUSTOMER entry, forced to hold a loan
SPECIAL_STRATEGIC_NO_LOAN = 2  # strategic CUSTOMER entry without any loan
# boundary customers: (industry, annual sales in cents, employees); each forced to hold a live on-balance loan
BOUNDARY_CUSTOMERS = (
    ("C3612", 30_000_000_000, 1500),  # 300,000,000.00 -> LARGE
    ("C3670", 29_999_999_999, 800),  # 299,999,999.99 -> MEDIUM
    ("H6110", 15_000_000_000, 400),  # 150,000,000.00 in a reduced-threshold industry -> LARGE
    ("M7320", 14_999_999_999, 350),  # 149,999,999.99 in a reduced-threshold industry -> MEDIUM
    ("C3421", 15_000_000_000, 600),  # 150,000,000.00 in a normal industry -> MEDIUM
    ("K7010", 30_000_000_000, 200),  # real estate at exactly 300,000,000.00 -> LARGE
    ("L7211", 15_000_000_000, 120),  # 150,000,000.00 in section L -> LARGE
)
SPECIAL_BOUNDARY_BASE = 10  # special code of BOUNDARY_CUSTOMERS[i] is SPECIAL_BOUNDARY_BASE + i

N_STRATEGIC_GROUPS = 94
N_STRATEGIC_CUSTOMERS = 10
N_EXPIRED_GROUPS_RELISTED = 3
N_EXPIRED_GROUPS = 2
N_EXPIRED_CUSTOMERS = 3
N_FUTURE_GROUPS = 2
N_FUTURE_CUSTOMERS = 1


@dataclass(frozen=True)
class Config:
    out: Path
    customers: int = 3000
    prospects: int | None = None  # default customers // 5
    months: int = 24
    end_date: dt.date = DEFAULT_END_DATE
    seed: int = 42
    chunk_size: int = DEFAULT_CHUNK_SIZE
    jobs: int = 1
    quiet: bool = False
    # issue 7: corrupt the generated data with every row-level fault kind (demo_data/faults.py) ...
    inject_faults: bool = False
    # ... and/or with whole-file faults, each "KIND:TABLE[:COLUMN]" (they stop the preflight)
    file_faults: tuple[str, ...] = ()

    @property
    def n_prospects(self) -> int:
        return self.customers // 5 if self.prospects is None else self.prospects


def rng_for(seed: int, stream: int, chunk: int = 0) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, stream, chunk])))


@dataclass
class Plan:
    seed: int
    n_customers: int
    n_prospects: int
    chunk_size: int
    ds: int  # first day of the data period (days since epoch)
    de: int  # end date
    org_type: np.ndarray  # int8 per customer
    group_of: np.ndarray  # int32 per customer, -1 = none
    group_names: list[str]
    group_brands: list[str]
    group_strategic: np.ndarray  # bool per group
    special: np.ndarray  # int8 per customer
    # strategic list picks
    strategic_groups: np.ndarray
    relisted_groups: np.ndarray
    expired_groups: np.ndarray
    future_groups: np.ndarray
    strategic_customers: np.ndarray
    expired_customers: np.ndarray
    future_customers: np.ndarray
    # prospects duplicating customers: prospect index -> customer index (+ lower-case flag)
    dup_prospects: np.ndarray
    dup_customers: np.ndarray
    dup_lower: np.ndarray
    # market data
    fx_days: np.ndarray  # business days
    fx_rates: np.ndarray  # shape (len(fx_days), 3) for USD, EUR, HKD
    fx_max: np.ndarray  # per currency incl. CNY = 1
    ftp_days: np.ndarray  # curve dates (first day of each month)
    ftp_rates: np.ndarray  # shape (len(ftp_days), len(FTP_TERMS))
    wanted_customers: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n_days(self) -> int:
        return self.de - self.ds + 1

    def chunks(self, n: int) -> list[tuple[int, int]]:
        return [(i, min(n, i + self.chunk_size)) for i in range(0, n, self.chunk_size)]


def _group_sizes(rng: np.random.Generator, n_members: int) -> np.ndarray:
    sizes: list[int] = []
    total = 0
    while total < n_members:
        s = int(rng.integers(5, 16)) if rng.random() < 0.15 else int(min(15, 1 + rng.geometric(0.45)))
        sizes.append(s)
        total += s
    if not sizes:
        return np.zeros(0, np.int64)
    excess = total - n_members
    sizes[-1] -= excess
    if sizes[-1] < 2:  # fold a too-small last group into the previous ones (left over members stay single)
        rest = sizes.pop()
        for i in range(len(sizes) - 1, -1, -1):
            while rest and sizes[i] < 15:
                sizes[i] += 1
                rest -= 1
    return np.array(sizes, dtype=np.int64)


def _brand(rng: np.random.Generator) -> str:
    a, b = rng.choice(len(ref.BRAND_CHARS), 2, replace=False)
    return ref.BRAND_CHARS[a] + ref.BRAND_CHARS[b]


def _fx_history(rng: np.random.Generator, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    days = np.arange(first, last + 1)
    days = days[dates.weekday(days) < 5]
    rates = np.empty((len(days), 3))
    for j, cur in enumerate(("USD", "EUR", "HKD")):
        lo, hi = ref.FX_RANGE[cur]
        mid, half = (lo + hi) / 2, (hi - lo) / 2
        x = 0.0  # standardised deviation from mid, mean reverting
        eps = rng.standard_normal(len(days))
        for i in range(len(days)):
            x = 0.985 * x + 0.12 * eps[i]
            rates[i, j] = mid + half * np.tanh(x / 1.5)
    decimals = np.array([4, 4, 5])  # CFETS-like quoting precision
    rates = np.round(rates * 10.0**decimals) / 10.0**decimals
    return days, rates


def _ftp_history(rng: np.random.Generator, last: int) -> tuple[np.ndarray, np.ndarray]:
    first_month = dates.month_index(np.array([dates.to_day(dt.date(*ref.FTP_HISTORY_START))]))[0]
    last_month = dates.month_index(np.array([last]))[0]
    months = np.arange(first_month, last_month + 1)
    curve_days = dates.month_first_day(months)
    level = np.empty(len(months))
    slope = np.empty(len(months))
    lv, sl = 0.0, 0.0
    for i in range(len(months)):
        lv = 0.97 * lv + 0.25 * rng.standard_normal()
        sl = 0.97 * sl + 0.25 * rng.standard_normal()
        level[i] = 0.015 + 0.004 * np.tanh(lv / 1.5)
        slope[i] = 0.020 + 0.004 * np.tanh(sl / 1.5)
    shape = np.log(ref.FTP_TERMS) / np.log(ref.FTP_TERMS.max())
    rates = level[:, None] + slope[:, None] * shape[None, :]
    return curve_days, np.round(rates, 6)


def build_plan(cfg: Config) -> Plan:
    rng = rng_for(cfg.seed, STREAM_PLAN)
    n, p = cfg.customers, cfg.n_prospects
    ds, de = dates.data_period(cfg.end_date, cfg.months)

    org = rng.choice(4, n, p=ref.ORG_TYPE_P_CUSTOMERS).astype(np.int8)
    ent = np.flatnonzero(org == ref.ENT)

    # groups: ~25% of enterprises, 2-15 members each
    group_of = np.full(n, -1, dtype=np.int32)
    n_members = round(0.25 * len(ent))
    sizes = _group_sizes(rng, n_members) if n_members >= 2 else np.zeros(0, np.int64)
    members = rng.permutation(ent)[: int(sizes.sum())]
    group_of[members] = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
    n_groups = len(sizes)
    brands = [_brand(rng) for _ in range(n_groups)]
    cities = list(ref.CITIES)
    names = []
    for b in brands:
        kind = rng.choice(["集团有限公司", "控股集团有限公司", "集团股份有限公司"], p=[0.6, 0.25, 0.15])
        names.append((cities[rng.integers(len(cities))] if rng.random() < 0.4 else "") + b + str(kind))

    # strategic groups (weighted to larger groups) and the other strategic-list picks
    order = np.arange(n_groups)
    n_strat = min(N_STRATEGIC_GROUPS, max(0, n_groups - N_EXPIRED_GROUPS - N_FUTURE_GROUPS))
    if n_groups:
        w = sizes.astype(float) / sizes.sum()
        strategic = np.sort(rng.choice(order, n_strat, replace=False, p=w))
    else:
        strategic = np.zeros(0, np.int64)
    others = rng.permutation(np.setdiff1d(order, strategic))
    expired_g = np.sort(others[:N_EXPIRED_GROUPS])
    future_g = np.sort(others[N_EXPIRED_GROUPS : N_EXPIRED_GROUPS + N_FUTURE_GROUPS])
    relisted = np.sort(rng.permutation(strategic)[:N_EXPIRED_GROUPS_RELISTED])
    group_strategic = np.zeros(n_groups, dtype=bool)
    group_strategic[strategic] = True

    # special customers: enterprises outside groups
    special = np.zeros(n, dtype=np.int8)
    free_ent = ent[group_of[ent] < 0]
    first_chunk = free_ent[free_ent < min(n, cfg.chunk_size)]
    n_boundary = min(len(BOUNDARY_CUSTOMERS), len(first_chunk) // 10)
    boundary = rng.choice(first_chunk, n_boundary, replace=False) if n_boundary else np.zeros(0, np.int64)
    special[boundary] = SPECIAL_BOUNDARY_BASE + np.arange(n_boundary)
    pool = np.setdiff1d(free_ent, boundary)
    n_sc = min(N_STRATEGIC_CUSTOMERS, len(pool) // 20)
    n_ec = min(N_EXPIRED_CUSTOMERS, len(pool) // 40)
    n_fc = min(N_FUTURE_CUSTOMERS, len(pool) // 80)
    picks = rng.choice(pool, n_sc + n_ec + n_fc, replace=False) if len(pool) else np.zeros(0, np.int64)
    strat_c = np.sort(picks[:n_sc])
    special[strat_c] = SPECIAL_STRATEGIC_LOAN
    special[strat_c[: n_sc // 5]] = SPECIAL_STRATEGIC_NO_LOAN
    expired_c = np.sort(picks[n_sc : n_sc + n_ec])
    future_c = np.sort(picks[n_sc + n_ec :])

    # prospects that are already customers (~1%)
    n_dup = min(n, round(0.01 * p) if p >= 50 else 0)
    dup_p = np.sort(rng.choice(p, n_dup, replace=False)) if n_dup else np.zeros(0, np.int64)
    dup_c = rng.choice(n, n_dup, replace=False) if n_dup else np.zeros(0, np.int64)
    dup_lower = rng.random(n_dup) < 0.3

    mrng = rng_for(cfg.seed, STREAM_MARKET)
    fx_first = dates.to_day(dates.from_day(ds).replace(year=dates.from_day(ds).year - 5)) - 10
    fx_days, fx_rates = _fx_history(mrng, fx_first, de)
    fx_max = np.concatenate([[1.0], fx_rates.max(axis=0)]) if len(fx_days) else ref.FX_NOMINAL * 1.05
    ftp_days, ftp_rates = _ftp_history(mrng, de)

    plan = Plan(
        seed=cfg.seed,
        n_customers=n,
        n_prospects=p,
        chunk_size=cfg.chunk_size,
        ds=ds,
        de=de,
        org_type=org,
        group_of=group_of,
        group_names=names,
        group_brands=brands,
        group_strategic=group_strategic,
        special=special,
        strategic_groups=strategic,
        relisted_groups=relisted,
        expired_groups=expired_g,
        future_groups=future_g,
        strategic_customers=strat_c,
        expired_customers=expired_c,
        future_customers=future_c,
        dup_prospects=dup_p,
        dup_customers=dup_c,
        dup_lower=dup_lower,
        fx_days=fx_days,
        fx_rates=fx_rates,
        fx_max=fx_max,
        ftp_days=ftp_days,
        ftp_rates=ftp_rates,
    )
    plan.wanted_customers = np.unique(np.concatenate([strat_c, expired_c, future_c, dup_c]).astype(np.int64))
    return plan
