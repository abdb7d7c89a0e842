"""Attributes shared by customers and prospects: branch, industry, size, names and credit codes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import reference as ref
from .uscc import build_usccs

LEVEL_FACTOR = np.array([3.0, 2.0, 1.0, 0.4])  # CENTRAL, PROVINCIAL, MUNICIPAL, COUNTY
MAX_SALES_CNY = 2.0e11
MAX_ASSETS_CNY = 9.0e11


@dataclass
class Parties:
    n: int
    org: np.ndarray  # int8 org type code
    branch: np.ndarray  # int index into BRANCHES
    branch_code: np.ndarray  # object
    region_code: np.ndarray  # object
    industry: np.ndarray  # object, GB/T 4754 code
    admin: np.ndarray  # int8 admin level code, -1 for enterprises
    size: np.ndarray  # latent annual sales in CNY (>= 0), also when the reported figure is null
    sales_cents: np.ndarray
    sales_valid: np.ndarray
    assets_cents: np.ndarray
    assets_valid: np.ndarray
    assets_cny: np.ndarray  # latent total assets (CNY)
    employees: np.ndarray
    employees_valid: np.ndarray
    name: np.ndarray  # object
    uscc: np.ndarray  # object


def _pick(rng: np.random.Generator, seq, n: int) -> np.ndarray:
    return np.asarray(seq, dtype=object)[rng.integers(0, len(seq), n)]


def _institution_name(rng: np.random.Generator, org: str, level: str, city: ref.City, region: ref.Region):
    templates = ref.INSTITUTION_NAMES[org][level]
    tpl, industry = templates[rng.integers(len(templates))]
    d = city.districts[rng.integers(len(city.districts))]
    d2 = (
        ref.BRAND_CHARS[rng.integers(len(ref.BRAND_CHARS))]
        + ref.BRAND_CHARS[rng.integers(len(ref.BRAND_CHARS))]
    )
    name = tpl.format(
        p=region.province,
        ps=region.short,
        t="局" if region.municipality else "厅",
        c=city.name,
        d=d[0],
        d2=d2,
        n=("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")[rng.integers(10)],
        b=d2,
        f=ref.FIELDS[rng.integers(len(ref.FIELDS))],
    )
    if level == "CENTRAL":
        division = "100000"
    elif level == "PROVINCIAL":
        division = region.division
    elif level == "MUNICIPAL":
        division = city.code
    else:
        division = d[1]
    if org == "GOV":
        prefix = "11"
    elif org == "PUB":
        prefix = "12"
    else:
        prefix = "53" if industry == "S9530" else ("52" if industry[0] in "PQ" else "51")
    return name, industry, prefix, division


def generate_parties(
    rng: np.random.Generator,
    org: np.ndarray,
    group_of: np.ndarray,
    group_strategic: np.ndarray,
    group_brands: list[str],
    serial: np.ndarray,
    salt: int,
    prospect: bool = False,
) -> Parties:
    n = len(org)
    branch = rng.choice(len(ref.BRANCHES), n, p=ref.BRANCH_WEIGHTS)
    branch_code = np.array([ref.BRANCHES[b].code for b in branch], dtype=object)
    region_code = np.array([ref.BRANCHES[b].region for b in branch], dtype=object)
    is_ent = org == ref.ENT
    in_group = group_of >= 0
    strat = np.zeros(n, dtype=bool)
    strat[in_group] = group_strategic[group_of[in_group]]

    # industry and admin level
    ind_idx = rng.choice(len(ref.ENT_INDUSTRIES), n, p=ref.ENT_INDUSTRY_P)
    admin = np.where(is_ent, -1, rng.choice(4, n, p=ref.ADMIN_LEVEL_P)).astype(np.int8)
    level_f = np.where(is_ent, 1.0, LEVEL_FACTOR[np.maximum(admin, 0)])

    # latent size: annual sales in CNY
    z = rng.standard_normal(n)
    ent_sales = np.exp(np.log(62e6) + 1.65 * z) * ref.ENT_INDUSTRY_SIZE[ind_idx]
    ent_sales *= np.where(in_group, 2.5, 1.0) * np.where(strat, 3.0, 1.0) * (1.5 if prospect else 1.0)
    u = rng.random(n)
    gov = np.where(u < 0.7, 0.0, np.exp(np.log(3e6) + 1.0 * z))
    pub = np.where(u < 0.25, 0.0, np.exp(np.log(60e6) + 1.2 * z) * level_f)
    soc = np.where(u < 0.2, 0.0, np.exp(np.log(3e6) + 1.3 * z) * level_f)
    size = np.choose(org, [ent_sales, gov, pub, soc])
    size = np.minimum(size, MAX_SALES_CNY)

    assets_ratio = ref.ENT_INDUSTRY_ASSETS[ind_idx] * np.exp(0.6 * rng.standard_normal(n))
    za = rng.standard_normal(n)
    assets = np.choose(
        org,
        [
            size * assets_ratio,
            np.exp(np.log(300e6) + 1.2 * za) * level_f,
            np.exp(np.log(200e6) + 1.2 * za) * level_f,
            np.exp(np.log(5e6) + 1.3 * za) * level_f,
        ],
    )
    assets = np.clip(assets, 50_000.0, MAX_ASSETS_CNY)

    per_head = rng.uniform(0.5e6, 3.0e6, n)
    ze = rng.standard_normal(n)
    emp = np.choose(
        org,
        [
            size / per_head,
            np.exp(np.log(80) + 0.8 * ze) * level_f,
            np.exp(np.log(200) + 1.0 * ze) * level_f,
            np.exp(np.log(15) + 0.9 * ze),
        ],
    )
    employees = np.clip(np.round(emp), 3, 2_000_000).astype(np.int64)

    sales_cents = np.round(size * 100).astype(np.int64)
    assets_cents = np.round(assets * 100).astype(np.int64)
    sales_valid = rng.random(n) >= 0.02
    assets_valid = rng.random(n) >= 0.01
    employees_valid = rng.random(n) >= 0.01

    # names, institution industries, credit-code prefixes and divisions
    industry = np.empty(n, dtype=object)
    names = np.empty(n, dtype=object)
    prefix = np.empty(n, dtype=object)
    division = np.empty(n, dtype=object)
    word_pick = rng.random(n)
    suffix = rng.choice(len(ref.COMPANY_SUFFIXES), n, p=ref.COMPANY_SUFFIX_P)
    brand_a = rng.integers(0, len(ref.BRAND_CHARS), n)
    brand_b = rng.integers(1, len(ref.BRAND_CHARS), n)
    three = rng.random(n) < 0.15
    brand_c = rng.integers(0, len(ref.BRAND_CHARS), n)
    district_pick = rng.random(n)
    for i in range(n):
        b = ref.BRANCHES[branch[i]]
        city = ref.CITIES[b.city]
        region = ref.REGION_BY_CODE[b.region]
        if is_ent[i]:
            ind = ref.ENT_INDUSTRIES[ind_idx[i]]
            industry[i] = ind.code
            if in_group[i]:
                brand = group_brands[group_of[i]]
            else:
                brand = ref.BRAND_CHARS[brand_a[i]]
                brand += ref.BRAND_CHARS[(brand_a[i] + brand_b[i]) % len(ref.BRAND_CHARS)]
                if three[i]:
                    brand += ref.BRAND_CHARS[brand_c[i]]
            word = ind.words[int(word_pick[i] * len(ind.words))]
            names[i] = f"{city.name}{brand}{word}{ref.COMPANY_SUFFIXES[suffix[i]]}"
            prefix[i] = "91"
            division[i] = city.districts[int(district_pick[i] * len(city.districts))][1]
        else:
            level = ref.ADMIN_LEVELS[admin[i]]
            names[i], industry[i], prefix[i], division[i] = _institution_name(
                rng, ref.ORG_TYPES[org[i]], level, city, region
            )
    new_style = rng.random(n) < np.where(is_ent, 0.35, 0.1)
    uscc = build_usccs(prefix, division, serial, new_style, salt)
    return Parties(
        n=n,
        org=org,
        branch=branch,
        branch_code=branch_code,
        region_code=region_code,
        industry=industry,
        admin=admin,
        size=size,
        sales_cents=sales_cents,
        sales_valid=sales_valid,
        assets_cents=assets_cents,
        assets_valid=assets_valid,
        assets_cny=assets,
        employees=employees,
        employees_valid=employees_valid,
        name=names,
        uscc=uscc,
    )
