"""利润贡献度 Profit contribution of the existing customers (SPEC 4.5): the waterfall of the profit equation
summed over all customers (FTP net interest on loans and deposits, fee net income, less capital cost,
allocated operating cost, tax surcharges and credit cost), and the concentration (Pareto) curve: the share
of profit from the top x% of customers (profit_concentration)."""

from __future__ import annotations

from decimal import Decimal

import altair as alt
import pandas as pd
import streamlit as st
from common import amount, as_of_picker, count, frame, manifest_caption, percent, serving

# (column of customer_profitability, label, sign in the profit equation)
COMPONENTS = [
    ("loan_ftp_net_income", "贷款FTP净收入 Loan FTP net income", 1),
    ("deposit_ftp_net_income", "存款FTP净收入 Deposit FTP net income", 1),
    ("fee_net_income", "中间业务净收入 Fee net income", 1),
    ("capital_cost", "资本成本 Capital cost", -1),
    ("allocated_operating_cost", "运营成本 Allocated operating cost", -1),
    ("tax_surcharge", "税金及附加 Tax surcharges", -1),
    ("credit_cost", "信用成本 Credit cost", -1),
]
TOTAL_LABEL = "利润贡献度 Profit contribution"
TOP_PERCENT = 20
# Axis labels "中文 English" drawn as two lines: the Chinese, then the English.
TWO_LINE_LABEL = (
    "[slice(datum.label, 0, indexof(datum.label, ' ')), slice(datum.label, indexof(datum.label, ' ') + 1)]"
)


def render() -> None:
    st.title("利润贡献度 Profit contribution")
    with serving() as connection:
        manifest_caption(connection)
        as_of = as_of_picker(connection, "customer_profitability")
        if as_of is None:
            st.info("没有利润贡献度 No profitability rows published.")
            return
        sums = ", ".join(f"sum({column}) as {column}" for column, _, _ in COMPONENTS)
        totals = frame(
            connection,
            f"select count(*) as customers, {sums}, sum(profit_contribution) as profit_contribution "
            "from customer_profitability where as_of_date = ?",
            [as_of],
        ).iloc[0]
        curve = frame(
            connection,
            "select top_customer_percent, profit_share_percent, net_profit_share_percent, top_customers "
            "from profit_concentration where as_of_date = ? order by top_customer_percent",
            [as_of],
        )
    left, middle, right = st.columns(3)
    left.metric("利润贡献度合计 Total profit contribution (CNY)", amount(totals.profit_contribution))
    middle.metric("存量客户 Existing customers", count(totals.customers))
    top = curve[curve["top_customer_percent"] == TOP_PERCENT]
    right.metric(
        f"前{TOP_PERCENT}%客户利润占比 Share of positive profit from the top {TOP_PERCENT}%",
        percent(top.iloc[0].profit_share_percent) if len(top) else "—",
    )
    st.subheader("利润贡献度瀑布 Waterfall of the profit equation (CNY, all existing customers)")
    st.altair_chart(_waterfall(totals), width="stretch")
    st.subheader("利润集中度 Profit concentration (Pareto) curve")
    st.altair_chart(_pareto(curve), width="stretch")


def _waterfall(totals: pd.Series) -> alt.Chart:
    steps, running = [], Decimal(0)
    for order, (column, label, sign) in enumerate(COMPONENTS):
        value = sign * Decimal(totals[column] or 0)
        steps.append(
            {
                "order": order,
                "step": label,
                "start": float(running),
                "end": float(running + value),
                "amount": amount(value),
                "kind": "增加 adds" if value >= 0 else "减少 reduces",
            }
        )
        running += value
    steps.append(
        {
            "order": len(COMPONENTS),
            "step": TOTAL_LABEL,
            "start": 0.0,
            "end": float(running),
            "amount": amount(running),
            "kind": "合计 total",
        }
    )
    data = pd.DataFrame(steps)
    x = alt.X(
        "step:N",
        sort=alt.SortField("order"),
        title=None,
        axis=alt.Axis(
            labelAngle=0,
            labelLimit=200,
            labelOverlap=False,
            labelExpr=TWO_LINE_LABEL,
        ),
    )
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("start:Q", title="CNY"),
            y2="end:Q",
            color=alt.Color(
                "kind:N",
                title=None,
                scale=alt.Scale(
                    domain=["增加 adds", "减少 reduces", "合计 total"],
                    range=["#2e7d32", "#c62828", "#1f4e8c"],
                ),
            ),
            tooltip=["step:N", "amount:N"],
        )
    )
    labels = alt.Chart(data).mark_text(dy=-8).encode(x=x, y=alt.Y("end:Q"), text="amount:N")
    return (bars + labels).properties(height=420)


def _pareto(curve: pd.DataFrame) -> alt.Chart:
    data = curve.astype(
        {"top_customer_percent": float, "profit_share_percent": float, "net_profit_share_percent": float}
    )
    long = data.melt(
        id_vars=["top_customer_percent"],
        value_vars=["profit_share_percent", "net_profit_share_percent"],
        var_name="measure",
        value_name="share",
    ).replace(
        {
            "measure": {
                "profit_share_percent": "正利润占比 Share of positive profit",
                "net_profit_share_percent": "净利润占比 Share of net profit",
            }
        }
    )
    return (
        alt.Chart(long)
        .mark_line(point=False)
        .encode(
            x=alt.X("top_customer_percent:Q", title="利润最高的前 x% 客户 Top x% of customers by profit"),
            y=alt.Y("share:Q", title="利润占比 Share of profit (%)"),
            color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=["top_customer_percent:Q", "measure:N", "share:Q"],
        )
        .properties(height=380)
    )
