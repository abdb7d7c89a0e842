"""差别化服务 The six strategies of a segment (SPEC 4.7): the product, price, service, marketing, process and
customer-relationship strategies the parties of one (population, quadrant, sub-class, tier) segment get,
with how many parties get each set (a regional override gives a segment more than one)."""

from __future__ import annotations

import streamlit as st
from common import POPULATIONS, count, frame, manifest_caption, serving

STRATEGIES = [
    ("product", "产品策略 Product"),
    ("price", "价格策略 Price"),
    ("service", "服务策略 Service (coverage and channel)"),
    ("marketing", "营销策略 Marketing"),
    ("process", "流程策略 Process (approval path)"),
    ("relationship", "客户关系策略 Customer relationship"),
]


def _choice(label: str, options: list[str], parameter: str, labels: dict[str, str] | None = None) -> str:
    wanted = st.query_params.get(parameter)
    index = options.index(wanted) if wanted in options else 0
    return st.selectbox(label, options, index=index, format_func=lambda code: (labels or {}).get(code, code))


def render() -> None:
    st.title("差别化服务策略 Differentiated service: the six strategies of a segment")
    with serving() as connection:
        manifest_caption(connection)
        segments = frame(
            connection,
            "select party_kind, quadrant, quadrant_zh, sub_class, tier, count(*) as parties "
            "from customer_segments group by all order by party_kind, quadrant, sub_class, tier",
        )
        left, middle, right, last = st.columns(4)
        with left:
            population = _choice("客户 Population", list(POPULATIONS), "population", POPULATIONS)
        in_population = segments[segments["party_kind"] == population]
        quadrant_labels = dict(zip(in_population["quadrant"], in_population["quadrant_zh"], strict=False))
        with middle:
            quadrant = _choice(
                "客户群 Quadrant",
                list(dict.fromkeys(in_population["quadrant"])),
                "quadrant",
                {code: f"{zh} {code}" for code, zh in quadrant_labels.items()},
            )
        in_quadrant = in_population[in_population["quadrant"] == quadrant]
        with right:
            sub_class = _choice("子类 Sub-class", list(dict.fromkeys(in_quadrant["sub_class"])), "sub_class")
        with last:
            tier = _choice(
                "分层 Tier", list(in_quadrant[in_quadrant["sub_class"] == sub_class]["tier"]), "tier"
            )
        columns = ", ".join(f"{name}_strategy, {name}_strategy_code" for name, _ in STRATEGIES)
        sets = frame(
            connection,
            f"select {columns}, count(*) as parties from customer_segments "
            "where party_kind = ? and quadrant = ? and sub_class = ? and tier = ? "
            "group by all order by parties desc",
            [population, quadrant, sub_class, tier],
        )
    st.metric("客户数 Parties in the segment", count(sets["parties"].sum()))
    for number, row in enumerate(sets.itertuples(), start=1):
        st.subheader(
            f"{quadrant_labels[quadrant]} {quadrant} · {sub_class} / {tier}: {count(row.parties)} 户 parties"
            + (f" (策略组 set {number} of {len(sets)})" if len(sets) > 1 else "")
        )
        for name, label in STRATEGIES:
            st.markdown(
                f"**{label}** `{getattr(row, f'{name}_strategy_code')}`  \n{getattr(row, f'{name}_strategy')}"
            )
