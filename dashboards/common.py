"""Shared by every dashboard page: the read-only connection to the published serving database, the as-of date
picker, labels and number formats. The pages read nothing but the serving database (SERVING_DATABASE), which
`python -m segmentation_tools.publish` swaps atomically: each page run opens it anew, so a new version
shows on the next click, and a run never mixes two versions."""

from __future__ import annotations

import html
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode

import duckdb
import pandas as pd
import streamlit as st

SERVING_DATABASE = Path(os.environ.get("SERVING_DATABASE", "serving/serving.duckdb"))
POPULATIONS = {"EXISTING": "存量客户 Existing customers", "TARGET": "目标客户 Target prospects"}
STYLE = """
<style>
table.grid { border-collapse: collapse; width: 100%; margin-bottom: 0.5rem; }
table.grid th, table.grid td { border: 1px solid #d0d4da; padding: 0.35rem 0.6rem; vertical-align: top; }
table.grid th { background: #f3f5f8; font-weight: 600; width: 12rem; }
table.grid td .quadrant { font-weight: 700; }
table.grid td .parties { font-size: 1.35rem; font-weight: 700; }
table.grid td.empty { color: #8a8f98; }
</style>
"""
MATRIX_MART = {"EXISTING": "segment_matrix_existing", "TARGET": "segment_matrix_target"}


@contextmanager
def serving() -> Iterator[duckdb.DuckDBPyConnection]:
    if not SERVING_DATABASE.exists():
        st.error(
            f"没有发布库 No serving database at {SERVING_DATABASE}: run `make demo` (build and publish) first"
        )
        st.stop()
    with duckdb.connect(str(SERVING_DATABASE), read_only=True) as connection:
        yield connection


def frame(
    connection: duckdb.DuckDBPyConnection, sql: str, parameters: Sequence | None = None
) -> pd.DataFrame:
    """A query's rows with decimals kept as Decimal (through Arrow), so sums and shown amounts are exact."""
    return connection.execute(sql, parameters or []).fetch_arrow_table().to_pandas()


def as_of_picker(connection: duckdb.DuckDBPyConnection, mart: str, key: str = "as_of") -> str | None:
    """A select box of the as-of dates in `mart`, latest first; `?as_of=` in the URL preselects one."""
    dates = [
        str(row[0])
        for row in connection.execute(f"select distinct as_of_date from {mart} order by 1 desc").fetchall()
    ]
    if not dates:
        return None
    wanted = st.query_params.get("as_of")
    index = dates.index(wanted) if wanted in dates else 0
    return st.selectbox("数据日期 As-of date", dates, index=index, key=key)


def amount(value: object) -> str:
    """Amounts in CNY as the marts hold them (two decimals), with thousands separators."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    return f"{Decimal(str(value)):,.2f}"


def count(value: object) -> str:
    return "—" if value is None else f"{int(value):,}"


def percent(value: object, digits: int = 2) -> str:
    return "—" if value is None else f"{Decimal(str(value)):.{digits}f}%"


def link(page: str, label: str, **query: str) -> str:
    """An HTML link to another dashboard page with query parameters (opens in the same tab)."""
    return f'<a href="{page}?{html.escape(urlencode(query))}" target="_self">{html.escape(label)}</a>'


def manifest_caption(connection: duckdb.DuckDBPyConnection) -> None:
    row = connection.execute(
        "select any_value(version), any_value(as_of_date), any_value(git_commit) from publish_manifest"
    ).fetchall()[0]
    st.caption(
        f"发布版本 Published version {row[0]} · 数据日期 as-of {row[1]} · 代码 commit {(row[2] or '—')[:12]}"
    )
