"""客户群细分矩阵 The segment matrices (SPEC 4.6): per (sub-class, tier) group a 2 x 2 grid of quadrants,
customer value across and bank value down, with parties, share of the group, values and the thresholds
used; each cell links to its customers (drill-down)."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st
from common import (
    MATRIX_MART,
    POPULATIONS,
    amount,
    as_of_picker,
    count,
    frame,
    link,
    manifest_caption,
    serving,
)

LEVELS = ("HIGH", "LOW")
LEVEL_LABELS = {
    ("customer", "HIGH"): "客户价值高 Customer value high",
    ("customer", "LOW"): "客户价值低 Customer value low",
    ("bank", "HIGH"): "银行价值高 Bank value high",
    ("bank", "LOW"): "银行价值低 Bank value low",
}


def render_existing() -> None:
    _render("EXISTING")


def render_target() -> None:
    _render("TARGET")


def _render(population: str) -> None:
    mart = MATRIX_MART[population]
    st.title(f"客户群细分矩阵 · {POPULATIONS[population]}")
    with serving() as connection:
        manifest_caption(connection)
        as_of = as_of_picker(connection, mart)
        if as_of is None:
            st.info("这一日期没有矩阵 No matrix rows published.")
            return
        cells = frame(
            connection, f"select * from {mart} where as_of_date = ? order by sub_class, tier", [as_of]
        )
        labels = frame(
            connection,
            f"select distinct quadrant, quadrant_zh, customer_value_level, bank_value_level from {mart}",
        )
    quadrant_of = {
        (row.customer_value_level, row.bank_value_level): (row.quadrant, row.quadrant_zh)
        for row in labels.itertuples()
    }
    sub_classes = list(dict.fromkeys(cells["sub_class"]))
    zh = dict(zip(cells["sub_class"], cells["sub_class_zh"], strict=False))
    chosen = st.selectbox(
        "子类 Sub-class",
        ["ALL", *sub_classes],
        format_func=lambda code: "全部 All" if code == "ALL" else f"{zh[code]} {code}",
    )
    shown = cells if chosen == "ALL" else cells[cells["sub_class"] == chosen]
    left, middle, right = st.columns(3)
    left.metric("客户数 Parties", count(shown["parties"].sum()))
    middle.metric("客户群 Groups (sub-class x tier)", count(len(shown.groupby(["sub_class", "tier"]))))
    right.metric("客户价值合计 Total customer value", amount(shown["total_customer_value"].sum()))
    for (sub_class, tier), group in shown.groupby(["sub_class", "tier"], sort=False):
        _group(population, as_of, sub_class, tier, group, quadrant_of)


def _group(
    population: str, as_of: str, sub_class: str, tier: str, group: pd.DataFrame, quadrant_of: dict
) -> None:
    first = group.iloc[0]
    by_quadrant = {row.quadrant: row for row in group.itertuples()}
    thresholds = (
        f"阈值 thresholds: 客户价值 customer value ≥ {_range(group, 'customer_value')} · "
        f"银行价值 bank value ≥ {_range(group, 'bank_value')} · {html.escape(first.threshold_methods)}"
    )
    st.subheader(
        f"{first.sub_class_zh} · {first.tier_zh} ({sub_class} / {tier}) — {count(first.group_parties)} 户"
    )
    st.caption(thresholds)
    rows = []
    for bank_level in LEVELS:
        cells = [f"<th>{LEVEL_LABELS[('bank', bank_level)]}</th>"]
        for customer_level in LEVELS:
            quadrant, quadrant_zh = quadrant_of.get((customer_level, bank_level), ("?", "?"))
            cells.append(
                _cell(population, as_of, sub_class, tier, quadrant, quadrant_zh, by_quadrant.get(quadrant))
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = (
        "<tr><th></th>"
        + "".join(f"<th>{LEVEL_LABELS[('customer', level)]}</th>" for level in LEVELS)
        + "</tr>"
    )
    st.markdown(f'<table class="grid">{header}{"".join(rows)}</table>', unsafe_allow_html=True)


def _cell(population, as_of, sub_class, tier, quadrant, quadrant_zh, row) -> str:
    cell_id = f"cell-{population}-{sub_class}-{tier}-{quadrant}"
    title = f'<div class="quadrant">{html.escape(quadrant_zh)} {quadrant}</div>'
    if row is None:
        return f'<td id="{cell_id}" class="empty">{title}<span class="parties">0</span> 户</td>'
    drill = link(
        "customers",
        "客户明细 Customers →",
        population=population,
        as_of=as_of,
        sub_class=sub_class,
        tier=tier,
        quadrant=quadrant,
    )
    return (
        f'<td id="{cell_id}">{title}'
        f'<span class="parties">{count(row.parties)}</span> 户 · {row.share_of_group * 100:.1f}% of group<br>'
        f"客户价值合计 total customer value {amount(row.total_customer_value)}<br>"
        f"平均客户价值 avg customer value {amount(row.avg_customer_value)}<br>"
        f"平均银行价值 avg bank value {amount(row.avg_bank_value)}<br>{drill}</td>"
    )


def _range(group: pd.DataFrame, axis: str) -> str:
    low, high = group[f"{axis}_threshold_min"].min(), group[f"{axis}_threshold_max"].max()
    return amount(low) if low == high else f"{amount(low)} – {amount(high)}"
