"""Read the published serving database as a BI client would, and print what it saw as one JSON line.

Usage: python clients/read_serving.py PATH/TO/serving.duckdb
Any DuckDB Python client (1.4 in .venv-dashboards, 2.x in .venv) runs it; pytests/test_bi_clients.py compares
its output with the Node client's (clients/node/read_serving.mjs) and with the build. The queries are in
queries.json, shared by both clients."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb

QUERIES = json.loads((Path(__file__).parent / "queries.json").read_text(encoding="utf-8"))


def main(path: str) -> dict:
    with duckdb.connect(path, read_only=True) as connection:
        answers = {name: connection.execute(sql).fetchall()[0][0] for name, sql in QUERIES.items()}
        marts = connection.execute("select mart, row_count from publish_manifest order by mart").fetchall()
        counts = {
            mart: connection.execute(f'select count(*) from "{mart}"').fetchone()[0] for mart, _ in marts
        }
    return {
        "client": "python",
        "duckdb_version": duckdb.__version__,
        "answers": answers,
        "manifest": dict(marts),
        "counts": counts,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1]), ensure_ascii=False, default=str))
