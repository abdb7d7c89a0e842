"""Seed column types and model contracts use types both engines accept (issue 20; DECISIONLOG X-002).

Spark 4 refuses `varchar` without a length; DuckDB reads `string` as VARCHAR. The Spark build of
`make test-spark` fails on a `varchar` too, but only after minutes: this check names every offending place at
once. The sources YAML is left out: it documents the raw contract (read by the Python raw-contract tools), dbt
renders no SQL from its types.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "models" / "staging" / "bank" / "_bank__sources.yml"
NOT_PORTABLE = ("varchar", "hugeint", "text")


def _declared_types() -> list[tuple[str, str]]:
    declared = []
    for path in sorted([*ROOT.glob("seeds/**/*.yml"), *ROOT.glob("models/**/*.yml")]):
        if path == SOURCES:
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for node in document.get("seeds", []) + document.get("models", []):
            where = f"{path.relative_to(ROOT)}: {node['name']}"
            for column, data_type in ((node.get("config") or {}).get("column_types") or {}).items():
                declared.append((f"{where}.{column} (column_types)", str(data_type)))
            for column in node.get("columns") or []:
                if "data_type" in column:
                    declared.append((f"{where}.{column['name']}", str(column["data_type"])))
    return declared


def test_seed_and_contract_types_are_portable() -> None:
    declared = _declared_types()
    assert len(declared) > 300, "the YAML files were not read"
    offending = [
        f"{where}: {data_type}"
        for where, data_type in declared
        if data_type.strip().lower().split("(")[0] in NOT_PORTABLE
    ]
    assert not offending, "use `string` (both engines) instead of:\n" + "\n".join(offending)
