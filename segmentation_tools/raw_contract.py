"""The raw input contract (SPEC 3), read from where it is declared: the dbt sources YAML.

`models/staging/bank/_bank__sources.yml` lists every raw table with its columns, each column's `data_type`
(the type staging casts it to), the table's `primary_key`, `reconciliation_amount` and `may_be_empty` (table
`config.meta`; a table not marked may_be_empty must hold rows) and the columns that may be null (column
`config.meta.nullable`). Preflight, the Great Expectations suites and the demo-data generator read it from
here; the dbt models and the build's input check (macro validate_build_inputs) read the same YAML through
`graph.sources`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

SOURCES_YAML = Path(__file__).resolve().parent.parent / "models" / "staging" / "bank" / "_bank__sources.yml"
SOURCE_NAME = "bank"

# family of a contract type: what the raw Parquet column may arrive as (preflight) and how it is compared
FAMILIES = {"varchar": "text", "date": "date", "boolean": "boolean", "integer": "number", "decimal": "number"}


@dataclass(frozen=True)
class RawTable:
    name: str
    columns: dict[str, str]  # column -> contract type, in contract order, e.g. 'decimal(18, 2)'
    primary_key: tuple[str, ...]
    nullable: frozenset[str]
    reconciliation_amount: str | None  # the amount column summed by source_reconciliation, if any
    may_be_empty: bool  # a table without rows is valid input (e.g. no prospects); the others are refused


def family(contract_type: str) -> str:
    """text, number, date or boolean."""
    return FAMILIES[re.match(r"[a-z]+", contract_type).group(0)]


def decimal_precision_scale(contract_type: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"decimal\((\d+),\s*(\d+)\)", contract_type)
    return (int(match.group(1)), int(match.group(2))) if match else None


@cache
def load(path: Path = SOURCES_YAML) -> dict[str, RawTable]:
    """Every raw table of the contract, in the order the sources YAML lists them."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    (source,) = [source for source in document["sources"] if source["name"] == SOURCE_NAME]
    tables = {}
    for table in source["tables"]:
        meta = table.get("config", {}).get("meta", {})
        columns = {column["name"]: column["data_type"] for column in table["columns"]}
        tables[table["name"]] = RawTable(
            name=table["name"],
            columns=columns,
            primary_key=tuple(meta["primary_key"]),
            nullable=frozenset(
                column["name"]
                for column in table["columns"]
                if column.get("config", {}).get("meta", {}).get("nullable", False)
            ),
            reconciliation_amount=meta.get("reconciliation_amount"),
            may_be_empty=bool(meta.get("may_be_empty", False)),
        )
    return tables


CONTRACT = load()
TABLES: tuple[str, ...] = tuple(CONTRACT)
