"""The raw input contract (SPEC section 3) as one importable dict.

``CONTRACT[table]`` holds, per raw table:

* ``columns``: an ordered dict ``column name -> Arrow type`` (the exact order and types written to Parquet);
* ``primary_key``: the tuple of columns that identify a row;
* ``nullable``: the columns that may hold nulls (every other column is always filled by the generator).

Money is ``decimal128(18, 2)``, rates ``decimal128(9, 6)``, FX ``decimal128(18, 8)``, scores
``decimal128(5, 2)``.
"""

from __future__ import annotations

import pyarrow as pa

MONEY = pa.decimal128(18, 2)
RATE = pa.decimal128(9, 6)
FX = pa.decimal128(18, 8)
SCORE = pa.decimal128(5, 2)
STR = pa.string()
DATE = pa.date32()
INT = pa.int32()
BOOL = pa.bool_()

_PARTY_ATTRIBUTES = {
    "customer_name": STR,
    "uscc": STR,
    "org_type": STR,
    "industry_code": STR,
    "branch_code": STR,
    "region_code": STR,
    "group_id": STR,
}

CONTRACT: dict[str, dict] = {
    "customers": {
        "primary_key": ("customer_id",),
        "columns": {
            "customer_id": STR,
            **_PARTY_ATTRIBUTES,
            "admin_level": STR,
            "annual_sales_cny": MONEY,
            "total_assets_cny": MONEY,
            "employees": INT,
            "relationship_start_date": DATE,
            "exec_is_vip": BOOL,
            "has_cooperation_agreement": BOOL,
            "satisfaction_score": INT,
            "total_bank_financing_cny": MONEY,
        },
        "nullable": (
            "group_id",
            "admin_level",
            "annual_sales_cny",
            "total_assets_cny",
            "employees",
            "satisfaction_score",
            "total_bank_financing_cny",
        ),
    },
    "customer_tags": {
        "primary_key": ("customer_id", "tag"),
        "columns": {"customer_id": STR, "tag": STR},
        "nullable": (),
    },
    "strategic_list": {
        "primary_key": ("entity_type", "entity_id", "effective_from"),
        "columns": {
            "entity_type": STR,
            "entity_id": STR,
            "entity_name": STR,
            "effective_from": DATE,
            "effective_to": DATE,
        },
        "nullable": ("effective_to",),
    },
    "loans": {
        "primary_key": ("loan_id",),
        "columns": {
            "loan_id": STR,
            "customer_id": STR,
            "product_code": STR,
            "currency": STR,
            "principal_amount": MONEY,
            "start_date": DATE,
            "maturity_date": DATE,
            "interest_rate": RATE,
            "collateral_type": STR,
            "risk_grade": INT,
        },
        "nullable": (),
    },
    "loan_balances": {
        "primary_key": ("loan_id", "balance_date"),
        "columns": {
            "loan_id": STR,
            "balance_date": DATE,
            "balance": MONEY,
            "five_level_class": STR,
        },
        "nullable": (),
    },
    "deposit_accounts": {
        "primary_key": ("account_id",),
        "columns": {
            "account_id": STR,
            "customer_id": STR,
            "account_type": STR,
            "product_code": STR,
            "currency": STR,
            "interest_rate": RATE,
            "term_months": INT,
            "open_date": DATE,
            "close_date": DATE,
        },
        "nullable": ("term_months", "close_date"),
    },
    "deposit_balances": {
        "primary_key": ("account_id", "balance_date"),
        "columns": {"account_id": STR, "balance_date": DATE, "balance": MONEY},
        "nullable": (),
    },
    "account_activity": {
        "primary_key": ("account_id", "activity_month"),
        "columns": {
            "account_id": STR,
            "activity_month": DATE,
            "txn_count": INT,
            "txn_amount_cny": MONEY,
        },
        "nullable": (),
    },
    "fees": {
        "primary_key": ("fee_id",),
        "columns": {
            "fee_id": STR,
            "customer_id": STR,
            "fee_date": DATE,
            "fee_type": STR,
            "currency": STR,
            "income_amount": MONEY,
            "expense_amount": MONEY,
        },
        "nullable": (),
    },
    "cost_pools": {
        "primary_key": ("branch_code", "cost_month", "pool_code"),
        "columns": {"branch_code": STR, "cost_month": DATE, "pool_code": STR, "amount_cny": MONEY},
        "nullable": (),
    },
    "ftp_curve": {
        "primary_key": ("curve_date", "term_months"),
        "columns": {"curve_date": DATE, "term_months": INT, "ftp_rate": RATE},
        "nullable": (),
    },
    "fx_rates": {
        "primary_key": ("rate_date", "currency"),
        "columns": {"rate_date": DATE, "currency": STR, "cny_per_unit": FX},
        "nullable": (),
    },
    "prospects": {
        "primary_key": ("prospect_id",),
        "columns": {
            "prospect_id": STR,
            **_PARTY_ATTRIBUTES,
            "annual_sales_cny": MONEY,
            "total_assets_cny": MONEY,
            "employees": INT,
            "revenue_growth_rate": RATE,
            "lifecycle_stage": STR,
            "market_influence_score": SCORE,
            "chain_influence_score": SCORE,
            "product_fit_score": SCORE,
            "marketing_feasibility_score": SCORE,
            "product_advantage_score": SCORE,
            "service_convenience_score": SCORE,
            "assessed_date": DATE,
        },
        "nullable": (
            "group_id",
            "annual_sales_cny",
            "total_assets_cny",
            "employees",
            "revenue_growth_rate",
            "market_influence_score",
            "chain_influence_score",
            "product_fit_score",
            "marketing_feasibility_score",
            "product_advantage_score",
            "service_convenience_score",
        ),
    },
}

TABLES: tuple[str, ...] = tuple(CONTRACT)


def schema(table: str) -> pa.Schema:
    """The Arrow schema of a raw table, columns in contract order (every field nullable in Parquet)."""
    return pa.schema([pa.field(name, typ) for name, typ in CONTRACT[table]["columns"].items()])
