"""Every published mart is byte-identical to its recorded fingerprint on the test data (the warehouse of
`make test`).

A refactoring of the models must not change what BI users read. The fingerprint of a mart is its column names
and types in order, its row count and the sum of a hash of every row (order-blind and exact: a changed value,
type or row changes it). `pytests/expected/mart_fingerprints.json` holds them for the test data built on the
commit named in it; a change meant to alter the published outputs records them again, and its commit says why:

    DUCKDB_PATH=warehouse/test.duckdb .venv/bin/python pytests/test_marts_unchanged.py --record
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

EXPECTED = Path(__file__).resolve().parent / "expected" / "mart_fingerprints.json"


def mart_fingerprints(connection: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    fingerprints = {}
    marts = connection.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'marts' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    for (mart,) in marts:
        columns = connection.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'marts' and table_name = ? order by ordinal_position",
            [mart],
        ).fetchall()
        rows, row_hash_sum = connection.execute(
            f'select count(*), coalesce(sum(hash(*columns(*))), 0) from marts."{mart}"'
        ).fetchone()
        fingerprints[mart] = {
            "columns": [f"{name} {data_type}" for name, data_type in columns],
            "rows": rows,
            "row_hash_sum": str(row_hash_sum),
        }
    return fingerprints


def test_every_mart_matches_its_recorded_fingerprint(warehouse) -> None:
    recorded = json.loads(EXPECTED.read_text(encoding="utf-8"))["marts"]
    built = mart_fingerprints(warehouse)
    assert sorted(built) == sorted(recorded), "the set of marts changed"
    changed = [mart for mart in recorded if built[mart] != recorded[mart]]
    assert not changed, f"marts differ from {EXPECTED.name}: {', '.join(changed)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Record the fingerprints of the test warehouse's marts.")
    parser.add_argument("--record", action="store_true", required=True)
    parser.parse_args(argv)
    database = os.environ.get("DUCKDB_PATH", "warehouse/test.duckdb")
    with duckdb.connect(database, read_only=True) as connection:
        marts = mart_fingerprints(connection)
    git = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    commit = git.stdout.strip()
    document = {"recorded_on_commit": commit, "database": database, "marts": marts}
    EXPECTED.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded {len(marts)} marts of {database} in {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
