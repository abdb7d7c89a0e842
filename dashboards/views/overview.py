"""发布概览 Overview: which version is live (publish_manifest) and what each page shows."""

from __future__ import annotations

import streamlit as st
from common import SERVING_DATABASE, count, frame, serving

PAGES = [
    ("matrix-existing", "存量客户群细分矩阵 Existing-customer matrix: 重要 / 优质 / 普通 / 退出"),
    ("matrix-target", "目标客户群细分矩阵 Target matrix: 黄金 / 潜力 / 关注 / 一般"),
    ("strategies", "差别化服务 The six strategies of a segment"),
    ("profit", "利润贡献度 Profit contribution waterfall and concentration (Pareto) curve"),
    ("trend", "结构趋势与迁移 Structure trend and migration"),
    ("customers", "客户明细 Customers of a matrix cell (drill-down)"),
    ("data-quality", "数据质量 Data quality: raw = accepted + rejected per table, rejections by reason"),
]


def render() -> None:
    st.title("对公客户分层细分看板 Corporate segmentation dashboards")
    with serving() as connection:
        manifest = frame(
            connection,
            "select mart, row_count, version, as_of_date, git_commit, dbt_invocation_id, published_at "
            "from publish_manifest order by mart",
        )
    first = manifest.iloc[0]
    left, middle, right = st.columns(3)
    left.metric("数据日期 As-of date", str(first.as_of_date))
    middle.metric("发布版本 Published version", first.version)
    right.metric("已发布表 Published marts", count(len(manifest)))
    st.caption(
        f"代码 git commit {first.git_commit or '—'} · dbt invocation {first.dbt_invocation_id} · "
        f"发布于 published at {first.published_at} UTC · {SERVING_DATABASE}"
    )
    st.markdown("\n".join(f"- [{label}]({page})" for page, label in PAGES))
    st.dataframe(manifest[["mart", "row_count"]], hide_index=True)
