"""对公客户分层细分看板 The segmentation dashboards (Streamlit), over the published serving database only.

Start with `make dashboards` (dashboards/serve.py checks the database and the port first), then open
http://localhost:8501. Each page is a module of views/."""

from __future__ import annotations

import streamlit as st
from common import STYLE
from views import customers, data_quality, matrix, overview, profit, strategies, trend

st.set_page_config(page_title="对公客户分层细分 Segmentation", layout="wide")
navigation = st.navigation(
    [
        st.Page(overview.render, title="发布概览 Overview", url_path="overview", default=True),
        st.Page(matrix.render_existing, title="存量客户矩阵 Existing matrix", url_path="matrix-existing"),
        st.Page(matrix.render_target, title="目标客户矩阵 Target matrix", url_path="matrix-target"),
        st.Page(strategies.render, title="差别化服务 Strategies", url_path="strategies"),
        st.Page(profit.render, title="利润贡献度 Profit", url_path="profit"),
        st.Page(trend.render, title="结构趋势与迁移 Trend and migration", url_path="trend"),
        st.Page(customers.render, title="客户明细 Customers", url_path="customers"),
        st.Page(data_quality.render, title="数据质量 Data quality", url_path="data-quality"),
    ]
)
st.markdown(STYLE, unsafe_allow_html=True)
navigation.run()
