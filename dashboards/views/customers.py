"""客户明细 Drill-down: the customers of one matrix cell (customer_segments filtered by the query parameters
population, as_of, sub_class, tier and quadrant that a matrix cell's link carries)."""

from __future__ import annotations

import streamlit as st
from common import POPULATIONS, amount, count, frame, manifest_caption, serving

FILTERS = [
    ("population", "party_kind"),
    ("sub_class", "sub_class"),
    ("tier", "tier"),
    ("quadrant", "quadrant"),
]
COLUMNS = (
    "party_id, party_name, branch_code, region_code, industry_code, loan_status, sub_class, tier, quadrant, "
    "quadrant_zh, customer_value, bank_value, customer_value_threshold, bank_value_threshold, "
    "product_strategy_code, service_strategy_code, classification_path, parameter_version"
)


def render() -> None:
    st.title("客户明细 Customers of a segment")
    conditions, parameters, described = [], [], []
    for parameter, column in FILTERS:
        value = st.query_params.get(parameter)
        if value:
            conditions.append(f"{column} = ?")
            parameters.append(value)
            described.append(POPULATIONS.get(value, value))
    as_of = st.query_params.get("as_of")
    if as_of:
        conditions.append("as_of_date = cast(? as date)")
        parameters.append(as_of)
    where = " where " + " and ".join(conditions) if conditions else ""
    with serving() as connection:
        manifest_caption(connection)
        customers = frame(
            connection,
            f"select {COLUMNS} from customer_segments{where} order by customer_value desc, party_id",
            parameters,
        )
    st.markdown(" · ".join(described) or "全部客户 All parties (open from a matrix cell to filter)")
    left, middle = st.columns(2)
    left.metric("客户数 Parties", count(len(customers)))
    middle.metric("客户价值合计 Total customer value", amount(customers["customer_value"].sum()))
    st.dataframe(customers, hide_index=True)
    st.download_button(
        "下载 CSV Download CSV", customers.to_csv(index=False).encode("utf-8-sig"), file_name="customers.csv"
    )
