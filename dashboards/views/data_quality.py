"""数据质量 Data quality (SPEC 6 "Nothing lost"): per raw table the rows and amounts read, accepted and
quarantined (source_reconciliation: raw = accepted + rejected), and the quarantined rows by reason code
(data_quality_rejections)."""

from __future__ import annotations

import streamlit as st
from common import count, frame, manifest_caption, serving


def render() -> None:
    st.title("数据质量 Data quality")
    with serving() as connection:
        manifest_caption(connection)
        tables = frame(connection, "select * from source_reconciliation order by source_table, amount_column")
        reasons = frame(
            connection,
            "select source_table, reason_code, count(*) as rows, sum(reconciliation_amount) as amount "
            "from data_quality_rejections group by all order by rows desc, source_table, reason_code",
        )
        rejections = frame(
            connection, "select * from data_quality_rejections order by source_table, reason_code, row_key"
        )
    left, middle, right = st.columns(3)
    left.metric("原始行数 Raw rows", count(tables["raw_rows"].sum()))
    middle.metric("隔离行数 Quarantined rows", count(tables["rejected_rows"].sum()))
    right.metric(
        "已核平的表 Reconciled tables", f"{count(tables['is_reconciled'].sum())} / {count(len(tables))}"
    )
    st.subheader("源数据核对 Source reconciliation (raw = accepted + rejected)")
    st.dataframe(tables, hide_index=True)
    st.subheader("隔离原因 Quarantined rows by reason")
    if reasons.empty:
        st.info("没有隔离行 No row was quarantined.")
    else:
        st.dataframe(reasons, hide_index=True)
        st.subheader("隔离明细 Every quarantined row")
        st.dataframe(rejections, hide_index=True)
