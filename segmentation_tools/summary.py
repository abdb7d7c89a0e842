"""Print a short summary of a finished build: raw rows accepted and quarantined, parties per segment leaf, and
profit totals. Reads the build database read-only (path from DUCKDB_PATH, as dbt does).

Usage: DUCKDB_PATH=warehouse/segmentation.duckdb python -m segmentation_tools.summary
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import duckdb

from segmentation_tools.database import DatabaseError, DatabaseLocked, connect_read_only, first_line

DEFAULT_DATABASE = "warehouse/segmentation.duckdb"

QUARANTINE = """
    select source_table, reason_code, count(*) as rows_rejected
    from staging.stg_bank__rejections
    group by source_table, reason_code
    order by source_table, reason_code
"""

SEGMENTS = """
    select as_of_date, party_kind, loan_status, market_class, sub_class, tier, count(*) as parties
    from marts.customer_segments
    group by all
    order by all
"""

QUADRANTS = """
    select as_of_date, party_kind, quadrant, count(*) as parties
    from marts.customer_segments
    group by all
    order by all
"""

PROFIT = """
    select
        as_of_date,
        count(*) as customers,
        round(sum(profit_contribution) / 1e6, 2) as profit_contribution_mn_cny,
        round(sum(avg_daily_deposit_cny) / 1e6, 2) as avg_daily_deposit_mn_cny,
        round(sum(avg_daily_loan_cny) / 1e6, 2) as avg_daily_loan_mn_cny
    from marts.customer_profitability
    group by as_of_date
    order by as_of_date
"""


def _table_exists(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    query = "select count(*) from information_schema.tables where table_schema = ? and table_name = ?"
    return connection.execute(query, [schema, table]).fetchall()[0][0] > 0


def _print_query(connection: duckdb.DuckDBPyConnection, title: str, query: str) -> None:
    print(f"\n{title}")
    connection.sql(query).show(max_rows=60, max_width=140)


def main() -> int:
    database = Path(os.environ.get("DUCKDB_PATH", DEFAULT_DATABASE))
    try:
        with connect_read_only(database, "build database") as connection:
            if not _table_exists(connection, "staging", "stg_bank__rejections"):
                raise DatabaseError(f"{database} holds no build (staging.stg_bank__rejections is missing)")
            _print_summary(connection, database)
    except DatabaseError as error:
        hint = "" if isinstance(error, DatabaseLocked) else "; run `make demo` first."
        print(f"summary: {error}{hint}", file=sys.stderr)
        return 1
    except duckdb.Error as error:
        print(f"summary: cannot read {database}: {first_line(error)}", file=sys.stderr)
        return 1
    return 0


def _print_summary(connection: duckdb.DuckDBPyConnection, database: Path) -> None:
    rejected = connection.execute("select count(*) from staging.stg_bank__rejections").fetchall()[0][0]
    print(f"Build database: {database}")
    print(f"Quarantined raw rows: {rejected}")
    if rejected:
        _print_query(connection, "Quarantine by table and reason", QUARANTINE)
    if _table_exists(connection, "marts", "customer_segments"):
        _print_query(connection, "Parties per leaf of the segmentation tree (客户分层分类)", SEGMENTS)
        _print_query(connection, "Parties per quadrant (客户群细分矩阵)", QUADRANTS)
    if _table_exists(connection, "marts", "customer_profitability"):
        _print_query(connection, "Profit contribution (利润贡献度)", PROFIT)


if __name__ == "__main__":
    sys.exit(main())
