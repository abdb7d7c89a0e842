"""The raw input contract (SPEC section 3) as the generator writes it: Arrow types for the contract types of
`segmentation_tools.raw_contract` (declared in the dbt sources YAML).

``CONTRACT[table]`` holds, per raw table:

* ``columns``: an ordered dict ``column name -> Arrow type`` (the exact order and types written to Parquet);
* ``primary_key``: the tuple of columns that identify a row;
* ``nullable``: the columns that may hold nulls (every other column is always filled by the generator).
"""

from __future__ import annotations

import pyarrow as pa

from segmentation_tools.raw_contract import CONTRACT as RAW_CONTRACT
from segmentation_tools.raw_contract import decimal_precision_scale

_ARROW_TYPES = {"varchar": pa.string(), "date": pa.date32(), "integer": pa.int32(), "boolean": pa.bool_()}


def arrow_type(contract_type: str) -> pa.DataType:
    decimal = decimal_precision_scale(contract_type)
    return pa.decimal128(*decimal) if decimal else _ARROW_TYPES[contract_type]


CONTRACT: dict[str, dict] = {
    name: {
        "primary_key": table.primary_key,
        "columns": {column: arrow_type(typ) for column, typ in table.columns.items()},
        "nullable": tuple(column for column in table.columns if column in table.nullable),
    }
    for name, table in RAW_CONTRACT.items()
}

TABLES: tuple[str, ...] = tuple(CONTRACT)

# the generator's value types, named by what they hold
MONEY = CONTRACT["deposit_balances"]["columns"]["balance"]
RATE = CONTRACT["loans"]["columns"]["interest_rate"]
FX = CONTRACT["fx_rates"]["columns"]["cny_per_unit"]
SCORE = CONTRACT["prospects"]["columns"]["product_fit_score"]


def schema(table: str) -> pa.Schema:
    """The Arrow schema of a raw table, columns in contract order (every field nullable in Parquet)."""
    return pa.schema([pa.field(name, typ) for name, typ in CONTRACT[table]["columns"].items()])
