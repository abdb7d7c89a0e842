"""Target customers 目标客户 (prospects), generated per chunk like customers.

Deliberate duplicates: prospects listed in ``plan.dup_prospects`` carry the uscc (sometimes lower-case), name
and codes of an existing customer; in each chunk a few prospects copy the uscc of an earlier prospect.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from . import reference as ref
from .arrow_utils import codes_to_strings, date_array, decimal_array, ids, int32_array, string_array
from .contract import MONEY, RATE, SCORE
from .customers import salt_for
from .parties import generate_parties
from .plan import STREAM_PROSPECTS, Plan, rng_for

SCORE_COLUMNS = (
    "market_influence_score",
    "chain_influence_score",
    "product_fit_score",
    "marketing_feasibility_score",
    "product_advantage_score",
    "service_convenience_score",
)
GROWTH_MEAN = np.array([0.35, 0.20, 0.05, -0.10])
GROWTH_SD = np.array([0.20, 0.12, 0.06, 0.08])


def generate_prospect_chunk(
    plan: Plan, k: int, j0: int, j1: int, records: dict[int, dict]
) -> dict[str, pa.Array]:
    rng = rng_for(plan.seed, STREAM_PROSPECTS, k)
    n = j1 - j0
    org = rng.choice(4, n, p=ref.ORG_TYPE_P_PROSPECTS).astype(np.int8)
    n_groups = len(plan.group_names)
    grp = np.full(n, -1, dtype=np.int32)
    if n_groups:
        member = (org == ref.ENT) & (rng.random(n) < 0.15)
        strategic = np.flatnonzero(plan.group_strategic)
        pick_strat = (rng.random(n) < 0.3) & (len(strategic) > 0)
        any_group = rng.integers(0, n_groups, n)
        strat_group = strategic[rng.integers(0, max(len(strategic), 1), n)] if len(strategic) else any_group
        grp = np.where(member, np.where(pick_strat, strat_group, any_group), -1).astype(np.int32)
    serial = plan.n_customers + np.arange(j0, j1, dtype=np.int64)
    p = generate_parties(
        rng, org, grp, plan.group_strategic, plan.group_brands, serial, salt_for(plan.seed), prospect=True
    )
    uscc = p.uscc.copy()
    name = p.name.copy()
    org_labels = np.array(ref.ORG_TYPES, dtype=object)[org]
    industry, branch_code, region_code = p.industry.copy(), p.branch_code.copy(), p.region_code.copy()

    # prospects that are already customers
    in_chunk = (plan.dup_prospects >= j0) & (plan.dup_prospects < j1)
    for jp, ci, lower in zip(
        plan.dup_prospects[in_chunk], plan.dup_customers[in_chunk], plan.dup_lower[in_chunk], strict=True
    ):
        i = int(jp - j0)
        rec = records[int(ci)]
        uscc[i] = rec["uscc"].lower() if lower else rec["uscc"]
        name[i] = rec["customer_name"]
        org_labels[i] = rec["org_type"]
        industry[i], branch_code[i], region_code[i] = (
            rec["industry_code"],
            rec["branch_code"],
            rec["region_code"],
        )
        grp[i] = -1
    # a few pairs of prospects sharing a uscc (the later one copies an earlier one of the same chunk)
    taken = np.zeros(n, dtype=bool)
    taken[(plan.dup_prospects[in_chunk] - j0).astype(np.int64)] = True
    n_pairs = max(1, round(0.005 * n)) if n >= 20 else 0
    for _ in range(n_pairs):
        later = int(rng.integers(1, n))
        earlier = int(rng.integers(0, later))
        if taken[later] or taken[earlier]:
            continue
        uscc[later] = uscc[earlier]
        name[later] = name[earlier]
        org_labels[later], industry[later] = org_labels[earlier], industry[earlier]
        taken[later] = taken[earlier] = True

    stage = rng.choice(4, n, p=[0.15, 0.35, 0.40, 0.10])
    growth = np.clip(GROWTH_MEAN[stage] + GROWTH_SD[stage] * rng.standard_normal(n), -0.3, 0.8)
    size_z = np.clip((np.log(np.maximum(p.size, 1e5)) - np.log(100e6)) / 1.65, -3, 3)
    scores = {}
    for c, name_col in enumerate(SCORE_COLUMNS):
        weight = 0.6 if c < 2 else 0.2  # influence follows size, the other assessments mostly do not
        s = 50 + 18 * (weight * size_z + (1 - weight) * rng.standard_normal(n))
        cents = np.round(np.clip(s, 0, 100) * 100).astype(np.int64)
        scores[name_col] = decimal_array(cents, SCORE, rng.random(n) >= 0.03)
    assessed = plan.de - rng.integers(0, 366, n)
    return {
        "prospect_id": string_array(ids("P", 7, np.arange(j0 + 1, j1 + 1))),
        "customer_name": string_array(name),
        "uscc": string_array(uscc),
        "org_type": string_array(org_labels),
        "industry_code": string_array(industry),
        "branch_code": string_array(branch_code),
        "region_code": string_array(region_code),
        "group_id": string_array(
            np.array([f"G{g + 1:05d}" if g >= 0 else None for g in grp], dtype=object), grp >= 0
        ),
        "annual_sales_cny": decimal_array(p.sales_cents, MONEY, p.sales_valid),
        "total_assets_cny": decimal_array(p.assets_cents, MONEY, p.assets_valid),
        "employees": int32_array(p.employees, p.employees_valid),
        "revenue_growth_rate": decimal_array(
            np.round(growth * 1e6).astype(np.int64), RATE, rng.random(n) >= 0.02
        ),
        "lifecycle_stage": codes_to_strings(ref.LIFECYCLE_STAGES, stage),
        **scores,
        "assessed_date": date_array(assessed),
    }
