"""结构趋势与迁移 Structure trend and migration (SPEC 4.9): parties and profit per quadrant over the month-end
as-of dates (segment_structure_trend), and the migrations between the two latest as-of dates
(segment_migration): quadrant to quadrant, and upgrades / downgrades on the tier ladder."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd
import streamlit as st
from common import POPULATIONS, amount, count, frame, manifest_caption, percent, serving

MIGRATION_TYPES = {
    "UPGRADE": "升级 Upgrade",
    "DOWNGRADE": "降级 Downgrade",
    "STABLE": "稳定 Stable",
    "UNRANKED": "未评级 Unranked",
    "NEW": "新增 New",
    "LOST": "流失 Lost",
}


def render() -> None:
    st.title("结构趋势与迁移 Structure trend and migration")
    with serving() as connection:
        manifest_caption(connection)
        population = st.radio(
            "客户 Population", list(POPULATIONS), format_func=POPULATIONS.get, horizontal=True
        )
        trend = frame(
            connection,
            "select as_of_date::varchar as as_of_date, quadrant, parties, profit_contribution, "
            "parties_share, parties_change from segment_structure_trend "
            "where structure_level = 'QUADRANT' and party_kind = ? order by as_of_date, quadrant",
            [population],
        )
        totals = frame(
            connection,
            "select as_of_date::varchar as as_of_date, parties, profit_contribution "
            "from segment_structure_trend where structure_level = 'TOTAL' and party_kind = ? "
            "order by as_of_date",
            [population],
        )
        migration = frame(
            connection,
            "select as_of_date::varchar as as_of_date, previous_as_of_date::varchar as previous_as_of_date, "
            "from_quadrant, to_quadrant, migration_type, parties from segment_migration "
            "where party_kind = ? and as_of_date = (select max(as_of_date) from segment_migration)",
            [population],
        )
    if totals.empty:
        st.info("没有结构趋势 No structure trend published for this population.")
        return
    latest = totals.iloc[-1]
    left, middle, right = st.columns(3)
    left.metric(f"客户数 Parties on {latest.as_of_date}", count(latest.parties))
    middle.metric("月末数 Month-ends in the history", count(len(totals)))
    right.metric("利润贡献度 Profit contribution", amount(latest.profit_contribution))
    st.subheader("客户结构趋势 Parties per quadrant over the as-of dates")
    chart = (
        alt.Chart(trend.astype({"parties": int}))
        .mark_line(point=True)
        .encode(
            x=alt.X("as_of_date:O", title="数据日期 As-of date"),
            y=alt.Y("parties:Q", title="客户数 Parties"),
            color=alt.Color("quadrant:N", title="客户群 Quadrant"),
            tooltip=["as_of_date:N", "quadrant:N", "parties:Q"],
        )
    )
    st.altair_chart(chart.properties(height=320), width="stretch")
    shown = trend[trend["as_of_date"] == latest.as_of_date].assign(
        parties_share=lambda rows: rows["parties_share"].map(lambda share: percent(share * 100)),
        profit_contribution=lambda rows: rows["profit_contribution"].map(amount),
    )
    st.dataframe(shown, hide_index=True)
    st.subheader("客户迁移 Migration between the two latest month-ends")
    if migration.empty:
        st.info(
            "只有一个月末，尚无迁移 One month-end in the history so far: no migration yet (make backfill)."
        )
        return
    st.caption(f"{migration.iloc[0].previous_as_of_date} → {migration.iloc[0].as_of_date}")
    by_type = migration.groupby("migration_type")["parties"].sum()
    for column, (code, label) in zip(st.columns(len(MIGRATION_TYPES)), MIGRATION_TYPES.items(), strict=True):
        column.metric(label, count(by_type.get(code, 0)))
    st.markdown(_migration_table(migration), unsafe_allow_html=True)


def _migration_table(migration: pd.DataFrame) -> str:
    """Quadrant-to-quadrant parties: rows the previous month-end's quadrant, columns this one's."""
    pivot = migration.fillna({"from_quadrant": "新增 NEW", "to_quadrant": "流失 LOST"}).pivot_table(
        index="from_quadrant", columns="to_quadrant", values="parties", aggfunc="sum", fill_value=0
    )
    header = "<tr><th>上月末 from \\ 本月末 to</th>" + "".join(
        f"<th>{html.escape(c)}</th>" for c in pivot.columns
    )
    rows = "".join(
        f"<tr><th>{html.escape(index)}</th>" + "".join(f"<td>{count(value)}</td>" for value in row) + "</tr>"
        for index, row in zip(pivot.index, pivot.to_numpy(), strict=True)
    )
    return f'<table class="grid">{header}</tr>{rows}</table>'
