"""Explain one party's segment in plain words, for auditors (客户细分解释).

Prints, for a customer (C...) or a prospect (P...) on the as-of date of a build: the classification
path (分类), the tier rule (分层) and its reason codes, the national size class (国家企业规模), the
indicator values and scores with their weights (二维评价), the thresholds and the quadrant (客户群), the
six service strategies (差别化服务), the parameter versions and override sources that decided them, and
the raw rows counted: loans, deposit accounts, balance rows and fees in the evaluation window with their
sums, re-added from the staging rows and checked against the averages and the profit the build used.

It reads the BUILD database (read-only), because the rule-level and raw-row trace lives in its staging and
intermediate schemas, which are not published. A build database holds the trace of its own as-of date
only; for an earlier as-of date of the segment history it prints the published segment and says how to
rebuild that date. Pointed at the serving database it prints the published segment only.

Usage: python -m segmentation_tools.explain --party C0000123 [--as-of 2026-09-30] [--database PATH]
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

DEFAULT_DATABASE = "warehouse/segmentation.duckdb"

# Plain words for the reason codes of customer_segments (reason_codes, national_size_reason,
# segment_reason_codes). Display text only: the rules themselves live in the models and seeds.
REASON_TEXT = {
    "LOAN_BALANCE_AS_OF": "有贷户: on-balance loan balance on the as-of date is above zero",
    "NO_LOAN_BALANCE_AS_OF": "无贷户: no on-balance loan balance on the as-of date",
    "PROSPECT_AS_IF_WITH_LOAN": "目标客户 classified as if 有贷户 (the bank targets prospects for credit)",
    "INSTITUTIONAL_BY_ORG_TYPE": "机构类: org type GOV/PUB/SOC maps to institutional",
    "CORPORATE_NO_LOAN_BY_ORG_TYPE": "公司类无贷户: an enterprise without a loan",
    "INSTITUTIONAL_NO_LOAN_BY_ORG_TYPE": "机构类无贷户: an institution without a loan",
    "REAL_ESTATE_BY_INDUSTRY": "房地产客户: industry code starts with K70 (first in the sub-class "
    "precedence)",
    "EMERGING_BY_TAG": "新兴市场客户: carries an INTERNET / IOT / MOBILE_PAYMENT tag",
    "MULTIPLE_EMERGING_TAGS": "several emerging tags: the group follows the tag precedence seed",
    "TRADITIONAL_BY_DEFAULT": "传统公司客户: neither real estate nor emerging",
    "STRATEGIC_BY_CUSTOMER": "战略性客户: the customer itself is on the head-office strategic list in force",
    "STRATEGIC_BY_GROUP": "战略性客户: its group (集团) is on the head-office strategic list in force",
    "STRATEGIC_LIST_NOT_APPLICABLE": "on the strategic list, but strategic tiering does not apply to its "
    "class",
    "STRATEGIC_ENTRY_NOT_IN_FORCE": "has a strategic-list entry that is not in force on the as-of date",
    "LARGE_BY_SALES": "大型客户: annual sales at or above the large-customer threshold",
    "LARGE_BY_REDUCED_THRESHOLD": "大型客户: annual sales at or above the reduced threshold of its industry",
    "BELOW_LARGE_THRESHOLD": "annual sales below the large-customer threshold",
    "BELOW_REDUCED_LARGE_THRESHOLD": "annual sales below the reduced large threshold of its industry",
    "MEDIUM_ABOVE_SMALL_ENTERPRISE_STANDARD": "中型客户: meets every medium floor of the small-enterprise "
    "standard",
    "SMALL_BELOW_STANDARD": "小企业客户: fails a medium floor of the small-enterprise standard "
    "(小企业认定标准)",
    "ABOVE_SCALE_BY_DEPOSIT": "规模以上: average daily deposit at or above the deposit-scale threshold",
    "BELOW_SCALE_BY_DEPOSIT": "规模以下: average daily deposit below the deposit-scale threshold",
    "NEGATIVE_PROFIT_ALWAYS_LOW": "a negative profit contribution is always low on the customer-value axis",
    "UNKNOWN_ORG_TYPE": "unknown or missing org type: kept as UNCLASSIFIED / UNRATED",
}
REASON_PATTERNS = [
    ("ALSO_MATCHED_", "also matched sub-class {} (lower in the precedence)"),
    ("EMERGING_GROUP_", "新兴市场客户群 {} (first tag in the tag precedence)"),
    ("ADMIN_LEVEL_", "机构类 tier by administrative level {}"),
    ("BELOW_MEDIUM_FLOOR_", "below the medium floor of its industry group for {}"),
    ("MEDIUM_FLOOR_FAILED_", "national standard: medium floor failed for {}"),
    ("LARGE_FLOOR_FAILED_", "national standard: large floor failed for {}"),
    ("SMALL_FLOOR_FAILED_", "national standard: small floor failed for {}"),
    ("MISSING_", "input missing: {}"),
]
MISSING_CONTEXT = {
    "tier": " (the tier rule could not use it)",
    "size": " (the size class could not be decided on it)",
    "score": " (the indicator scores the group median of those that have it)",
}
NATIONAL_SIZE_TEXT = {
    "NATIONAL_LARGE_ALL_FLOORS_MET": "大型: every large floor of its industry group is met",
    "NATIONAL_MEDIUM_ALL_FLOORS_MET": "中型: every medium floor is met",
    "NATIONAL_SMALL_ALL_FLOORS_MET": "小型: every small floor is met",
    "NATIONAL_MICRO_BELOW_SMALL_FLOORS": "微型: below the small floors",
}
LEVEL_ZH = {"HIGH": "高", "LOW": "低"}
STRATEGY_ZH = {
    "PRODUCT": "产品策略",
    "PRICE": "价格策略",
    "SERVICE": "服务策略",
    "MARKETING": "营销策略",
    "PROCESS": "流程策略",
    "RELATIONSHIP": "客户关系策略",
}
STRATEGY_ORDER = list(STRATEGY_ZH)
CORPORATE_TIERED = ("TRADITIONAL", "EMERGING", "REAL_ESTATE")


class ExplainError(Exception):
    """A reason the party cannot be explained, printed as one line."""


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def title(self, text: str) -> None:
        self.lines += ["", text, "-" * min(100, _display_width(text))]

    def add(self, text: str = "") -> None:
        self.lines.append(text)

    def bullet(self, text: str, depth: int = 1) -> None:
        self.lines.append("  " * depth + "- " + text)

    def text(self) -> str:
        return "\n".join(self.lines).lstrip("\n") + "\n"


def _display_width(text: str) -> int:
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


def _rows(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> list[dict]:
    result = connection.execute(sql, params or [])
    columns = [column[0] for column in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def _one(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> dict | None:
    rows = _rows(connection, sql, params)
    return rows[0] if rows else None


def _money(value: Any) -> str:
    if value is None:
        return "—"
    return f"{Decimal(value):,.2f}"


def _number(value: Any, places: int = 2) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{Decimal(value):,.{places}f}"


def _reason(code: str, context: str = "tier") -> str:
    text = REASON_TEXT.get(code) or NATIONAL_SIZE_TEXT.get(code)
    if text is None:
        for prefix, template in REASON_PATTERNS:
            if code.startswith(prefix):
                text = template.format(code[len(prefix) :].lower().replace("_", " "))
                if prefix == "MISSING_":
                    text += MISSING_CONTEXT[context]
                break
    if code.endswith("_VS_MEDIAN") or code.endswith("_VS_QUANTILE") or code.endswith("_VS_ABSOLUTE"):
        axis, level = (
            ("customer value", code.split("_")[2])
            if code.startswith("CUSTOMER")
            else (
                "bank value",
                code.split("_")[2],
            )
        )
        text = f"{axis} is {level.lower()} ({LEVEL_ZH.get(level, '')}) against the group threshold"
    return f"{code}: {text}" if text else code


def _codes(joined: str | None) -> list[str]:
    return [code for code in (joined or "").split(";") if code]


def _relation_exists(connection: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    query = "select count(*) from information_schema.tables where table_schema = ? and table_name = ?"
    return connection.execute(query, [schema, name]).fetchall()[0][0] > 0


def open_database(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.exists():
        raise ExplainError(f"no database at {path}: run `make demo` (or pass --database)")
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise ExplainError(
                f"{path} is locked by a running dbt build; retry when it has finished "
                "(or pass --database serving/serving.duckdb for the published segment only)"
            ) from error
        raise ExplainError(f"cannot open {path}: {str(error).splitlines()[0]}") from error


def explain(connection: duckdb.DuckDBPyConnection, party_id: str, as_of: date | None = None) -> str:
    """The plain-words explanation of a party; raises ExplainError when it cannot be given."""
    is_build = _relation_exists(connection, "intermediate", "int_evaluation_window")
    segments = "marts.customer_segments" if is_build else "customer_segments"
    history = "marts.customer_segment_history" if is_build else "customer_segment_history"
    if not is_build and not _relation_exists(connection, "main", "customer_segments"):
        raise ExplainError("this database has neither a build's intermediate schema nor the published marts")

    current = _one(connection, f"select max(as_of_date) as as_of_date from {segments}")["as_of_date"]
    wanted = as_of or current
    report = Report()
    if wanted == current:
        segment = _one(connection, f"select * from {segments} where party_id = ?", [party_id])
    elif _relation_exists(connection, "marts" if is_build else "main", "customer_segment_history"):
        segment = _one(
            connection, f"select * from {history} where party_id = ? and as_of_date = ?", [party_id, wanted]
        )
        if segment is None and not _one(
            connection, f"select 1 as found from {history} where as_of_date = ? limit 1", [wanted]
        ):
            raise ExplainError(
                f"as-of date {wanted} is neither the build's ({current}) nor in its segment history; "
                f"rebuild with --vars '{{as_of_date: {wanted}}}' or run `make backfill`"
            )
    else:
        raise ExplainError(f"the database holds as-of date {current} only, not {wanted}")
    if segment is None:
        raise ExplainError(
            _unknown_party_message(connection, party_id, wanted, is_build and wanted == current)
        )

    _header(report, segment, is_build, wanted == current)
    _classification(report, connection, segment, is_build and wanted == current)
    _values_and_quadrant(report, connection, segment, is_build and wanted == current)
    _strategies(report, connection, segment, is_build and wanted == current)
    _parameters(report, connection, segment, is_build and wanted == current)
    if is_build and wanted == current:
        _raw_rows(report, connection, segment)
    else:
        report.title("原始数据 Raw rows counted")
        if is_build:
            report.add(
                f"Not kept for {wanted}: a build database holds the rule-level and raw-row trace of its own "
                "as-of "
                f"date ({current}) only. To trace {wanted}, rebuild it into a separate database, e.g."
            )
            report.add(
                f"  DUCKDB_PATH=warehouse/trace.duckdb .venv/bin/dbt build --profiles-dir profiles "
                f"--vars '{{as_of_date: {wanted}}}'"
            )
        else:
            report.add(
                "This is the serving database: only the published marts are in it. The rule-level and "
                "raw-row trace "
                "is read from the build database (--database warehouse/segmentation.duckdb)."
            )
    return report.text()


def _unknown_party_message(
    connection: duckdb.DuckDBPyConnection, party_id: str, as_of: date, has_trace: bool
) -> str:
    if has_trace:
        duplicate = _one(
            connection,
            "select duplicate_reason, duplicate_of_party_id from "
            "intermediate.int_prospects_reported_as_duplicates "
            "where prospect_id = ?",
            [party_id],
        )
        if duplicate:
            return (
                f"prospect {party_id} is not segmented on {as_of}: {duplicate['duplicate_reason']} "
                f"{duplicate['duplicate_of_party_id']} (SPEC 8: reported, not double counted)"
            )
        customer = _one(
            connection,
            "select is_existing from intermediate.int_customers_balances_summarised where customer_id = ?",
            [party_id],
        )
        if customer and not customer["is_existing"]:
            return (
                f"customer {party_id} is not segmented on {as_of}: no open deposit account and no balance in "
                "the "
                "evaluation window, so it is not an existing customer (SPEC 8)"
            )
        rejected = _one(
            connection,
            "select rejection_reason from staging.base_bank__customers where customer_id = ? "
            "and rejection_reason is not null union all "
            "select rejection_reason from staging.base_bank__prospects where prospect_id = ? "
            "and rejection_reason is not null limit 1",
            [party_id, party_id],
        )
        if rejected:
            return (
                f"party {party_id} was quarantined in staging ({rejected['rejection_reason']}), not segmented"
            )
    return f"unknown party {party_id}: not in customer_segments for as-of date {as_of}"


def _header(report: Report, segment: dict, is_build: bool, has_trace: bool) -> None:
    kind = "存量客户 existing customer" if segment["party_kind"] == "EXISTING" else "目标客户 target prospect"
    report.add(f"客户细分解释 Explanation of {segment['party_id']} {segment['party_name'] or ''}".rstrip())
    report.add(
        f"{kind} · as-of date 评价日 {segment['as_of_date']} · branch 经营机构 {segment['branch_code']} · "
        f"region 区域 {segment['region_code']} · industry 行业 {segment['industry_code']} · "
        f"group 集团 {segment['group_id'] or '—'}"
    )
    source = "build database (read-only)" if is_build else "serving database (published marts only)"
    if is_build and not has_trace:
        source += ", segment history"
    report.add(f"Source: {source}.")


def _classification(
    report: Report, connection: duckdb.DuckDBPyConnection, segment: dict, has_trace: bool
) -> None:
    report.title(f"分类路径 Classification path: {segment['classification_path']}")
    report.bullet(
        f"loan status 贷款状态 {segment['loan_status']}, market class 市场性质 {segment['market_class']} "
        f"(org type 机构类型 {segment['org_type']}), sub-class 客户类别 {segment['sub_class']}"
        + (
            f", emerging group 新兴市场客户群 {segment['emerging_group']}"
            if segment["emerging_group"]
            else ""
        )
    )
    party = None
    if has_trace:
        party = _one(
            connection,
            "select * from intermediate.int_parties_prepared_for_tiering where party_id = ?",
            [segment["party_id"]],
        )
        if segment["party_kind"] == "EXISTING":
            balances = _one(
                connection,
                "select * from intermediate.int_customers_balances_summarised where customer_id = ?",
                [segment["party_id"]],
            )
            if balances:
                report.bullet(
                    f"existing because 存量依据: {balances['existence_basis']}; on-balance loan balance on "
                    "the as-of "
                    f"date 时点表内贷款余额 {_money(balances['on_balance_loan_cny_as_of'])} CNY, off-balance "
                    f"表外 {_money(balances['off_balance_loan_cny_as_of'])} CNY"
                )

    report.title(f"分层 Tier rule: {segment['tier']} ({_tier_zh(segment['classification_path'])})")
    report.add("Reason codes 原因代码, in the order the rules applied:")
    for code in _codes(segment["reason_codes"]):
        report.bullet(_reason(code))
    if party:
        strategic = (
            "yes (by customer)"
            if party["is_strategic_by_customer"]
            else ("yes (by group)" if party["is_strategic_by_group"] else "no")
        )
        report.add("Inputs and thresholds 输入与门槛:")
        report.bullet(f"on the strategic list in force 总行战略客户名单: {strategic}")
        for entry in _strategic_entries(connection, segment):
            report.bullet(
                f"strategic_list row: {entry['entity_type']} {entry['entity_id']} "
                f"{entry['entity_name'] or ''}, "
                f"effective {entry['effective_from']} .. {entry['effective_to'] or 'open'}",
                depth=2,
            )
    if party and segment["sub_class"] in CORPORATE_TIERED:
        report.bullet(
            f"annual sales 年营业收入 {_money(party['annual_sales_cny'])} CNY vs large threshold "
            "大型客户门槛 "
            f"{_money(party['large_sales_threshold_cny'])} CNY ({party['large_sales_threshold_version']}, "
            f"{party['large_sales_threshold_source']}); reduced-threshold industry 降低门槛行业: "
            f"{_number(party['is_reduced_threshold_industry'])} (threshold "
            f"{_money(party['reduced_large_sales_threshold_cny'])} CNY)"
        )
        report.bullet(
            f"medium floors 中型下限 of industry group {party['national_industry_group']} "
            f"({party['small_enterprise_standard_version']}): employees 从业人员 "
            f"{_number(party['employees'], 0)} vs "
            f"{_number(party['medium_floor_employees'], 0)}; sales {_money(party['annual_sales_cny'])} vs "
            f"{_money(party['medium_floor_annual_sales_cny'])}; total assets 资产总额 "
            f"{_money(party['total_assets_cny'])} vs {_money(party['medium_floor_total_assets_cny'])} CNY"
        )
    if party:
        if segment["sub_class"] in ("CORPORATE_NO_LOAN", "INSTITUTIONAL_NO_LOAN"):
            report.bullet(
                f"average daily deposit 存款日均 {_money(party['avg_daily_deposit_cny'])} CNY vs "
                "deposit-scale "
                f"threshold 规模门槛 {_money(party['deposit_scale_threshold_cny'])} CNY "
                f"({party['deposit_scale_threshold_version']}, {party['deposit_scale_threshold_source']})"
            )
        if party["admin_level"] or segment["sub_class"] == "INSTITUTIONAL":
            report.bullet(
                f"administrative level 行政级别 {party['admin_level'] or '—'} -> tier "
                f"{party['admin_level_tier'] or '—'}"
                f" ({party['admin_level_tier_version'] or '—'})"
            )
    if segment.get("data_quality_flags"):
        report.add(f"Data-quality flags 数据质量标记 (treated as missing): {segment['data_quality_flags']}")

    report.title(f"国家企业规模 National size class: {segment['national_size_class']}")
    for code in _codes(segment["national_size_reason"]):
        report.bullet(_reason(code, "size"))


def _strategic_entries(connection: duckdb.DuckDBPyConnection, segment: dict) -> list[dict]:
    return _rows(
        connection,
        """
        select entity_type, entity_id, entity_name, effective_from, effective_to
        from staging.stg_bank__strategic_list
        where (entity_type = 'CUSTOMER' and entity_id = ?) or (entity_type = 'GROUP' and entity_id = ?)
        order by effective_from
        """,
        [segment["party_id"], segment["group_id"]],
    )


def _tier_zh(path: str | None) -> str:
    return (path or "").split(" > ")[-1]


def _values_and_quadrant(
    report: Report, connection: duckdb.DuckDBPyConnection, segment: dict, has_trace: bool
) -> None:
    existing = segment["party_kind"] == "EXISTING"
    report.title("二维评价 The two values")
    if existing:
        report.add(
            "Customer value 客户对银行价值 = profit contribution 利润贡献度 "
            f"{_money(segment['customer_value'])} CNY"
        )
        profit_table = "marts.customer_profitability" if has_trace else None
        if profit_table:
            profit = _one(
                connection, f"select * from {profit_table} where customer_id = ?", [segment["party_id"]]
            )
            if profit:
                report.add(
                    f"    =  loan FTP net income 贷款FTP净收入 {_money(profit['loan_ftp_net_income'])} "
                    f"(interest 利息收入 {_money(profit['loan_interest_income'])} - FTP charge "
                    f"{_money(profit['loan_ftp_charge'])})"
                )
                report.add(
                    f"    +  deposit FTP net income 存款FTP净收入 {_money(profit['deposit_ftp_net_income'])} "
                    f"(FTP credit {_money(profit['deposit_ftp_credit'])} - interest expense 利息支出 "
                    f"{_money(profit['deposit_interest_expense'])})"
                )
                report.add(
                    f"    +  fee net income 中间业务净收入 {_money(profit['fee_net_income'])} "
                    f"(income {_money(profit['fee_income'])} - expense {_money(profit['fee_expense'])})"
                )
                report.add(
                    f"    -  capital cost 资本成本 {_money(profit['capital_cost'])} (risk weight 风险权重 "
                    f"{_number(profit['risk_weight'], 4)}, rule {profit['risk_weight_rule_code']})"
                )
                report.add(
                    f"    -  operating cost 运营成本 {_money(profit['operating_cost'])} (allocated 分摊 "
                    f"{_money(profit['allocated_operating_cost'])} + tax surcharges 税金及附加 "
                    f"{_money(profit['tax_surcharge'])})"
                )
                report.add(
                    f"    -  credit cost 信用成本 {_money(profit['credit_cost'])} (expected loss PD x LGD)"
                )
    else:
        report.add(
            "Customer value 客户对银行价值 = potential value 潜在价值贡献度 "
            f"{_number(segment['customer_value'])} (0-100)"
        )
        if has_trace:
            scored = _one(
                connection,
                "select * from intermediate.int_parties_value_scored where party_id = ?",
                [segment["party_id"]],
            )
            weights = {
                row["indicator_code"]: row["weight"]
                for row in _rows(
                    connection,
                    "select indicator_code, weight from intermediate.int_parties_value_weights_resolved "
                    "where party_id = ? and score_code = 'TARGET_POTENTIAL_VALUE'",
                    [segment["party_id"]],
                )
            }
            if scored and {"INDUSTRY_SPACE", "GROWTH", "INFLUENCE"} <= weights.keys():
                parts = [
                    (
                        "industry space 行业价值空间",
                        weights["INDUSTRY_SPACE"],
                        scored["industry_space_score"],
                    ),
                    ("growth 成长性", weights["GROWTH"], scored["growth_score"]),
                    ("influence 影响力", weights["INFLUENCE"], scored["influence_score"]),
                ]
                total = sum(weight * (score or 0) for _, weight, score in parts)
                report.add(
                    "    = "
                    + " + ".join(
                        f"{_number(weight)} x {name} {_number(score)}" for name, weight, score in parts
                    )
                    + f" = {_number(total)} {_check(total, segment['customer_value'])}"
                )
    report.add(
        f"Bank value 银行对客户价值 {_number(segment['bank_value'])} (0-100) = sum of weight x indicator "
        "score:"
    )
    if has_trace:
        _indicator_table(report, connection, segment)

    report.title(f"客户群 Quadrant: {segment['quadrant']} {segment['quadrant_zh']}")
    group = f"({segment['party_kind']}, {segment['sub_class']}, {segment['tier']})"
    if has_trace:
        thresholds = _one(
            connection,
            "select * from intermediate.int_parties_quadrants_assigned where party_id = ?",
            [segment["party_id"]],
        )
        if thresholds:
            group += f", {thresholds['group_party_count']} parties"
    report.add(f"Group 组 {group}; a value >= its threshold is high 高:")
    for axis, unit in (("customer_value", " CNY" if existing else ""), ("bank_value", "")):
        value, threshold = segment[axis], segment[f"{axis}_threshold"]
        level = segment[f"{axis}_level"]
        comparison = ">=" if value is not None and threshold is not None and value >= threshold else "<"
        name = "customer value 客户价值" if axis == "customer_value" else "bank value 银行价值"
        report.bullet(
            f"{name} {_number(value)}{unit} {comparison} threshold {_number(threshold)}{unit} "
            f"({segment[f'{axis}_threshold_method']}) -> {level} {LEVEL_ZH.get(level, '')}"
        )
    for code in _codes(segment["segment_reason_codes"]):
        report.bullet(_reason(code, "score"))


def _indicator_table(report: Report, connection: duckdb.DuckDBPyConnection, segment: dict) -> None:
    indicators = _rows(
        connection,
        """
        select
            scored.score_code,
            scored.indicator_code,
            labels.label_zh,
            scored.raw_value,
            scored.indicator_score,
            scored.score_basis,
            scored.group_members_with_input,
            scored.missing_input_flag,
            weights.weight,
            weights.weight_source
        from intermediate.int_party_indicators_scored as scored
        left join intermediate.int_parties_value_weights_resolved as weights
            on scored.party_id = weights.party_id
            and scored.score_code = weights.score_code
            and scored.indicator_code = weights.indicator_code
        left join policy.value_indicators as labels
            on scored.score_code = labels.score_code
            and scored.indicator_code = labels.indicator_code
            and labels.valid_from <= scored.as_of_date
            and (labels.valid_to is null or labels.valid_to >= scored.as_of_date)
        where scored.party_id = ?
        order by scored.score_code, scored.indicator_code
        """,
        [segment["party_id"]],
    )
    header = (
        f"    {'score':<24}{'indicator':<24}{'raw value':>20}{'score':>9}{'weight':>9}{'x weight':>10}  basis"
    )
    report.add(header)
    sums: dict[str, Decimal] = {}
    for row in indicators:
        weighted = row["indicator_score"] * row["weight"] if row["weight"] is not None else None
        if weighted is not None:
            sums[row["score_code"]] = sums.get(row["score_code"], Decimal(0)) + weighted
        basis = row["score_basis"]
        if basis == "PERCENT_RANK":
            basis = f"percentile among {row['group_members_with_input']} with the input"
        if row["missing_input_flag"]:
            basis += f"; {row['missing_input_flag']}"
        report.add(
            f"    {row['score_code']:<24}{row['indicator_code']:<24}{_number(row['raw_value'], 4):>20}"
            f"{_number(row['indicator_score']):>9}{_number(row['weight'], 4):>9}{_number(weighted):>10}  "
            f"{basis} · {row['label_zh'] or ''}"
        )
    scored = _one(
        connection,
        "select * from intermediate.int_parties_value_scored where party_id = ?",
        [segment["party_id"]],
    )
    published = {
        "EXISTING_BANK_VALUE": ("bank value 银行对客户价值", segment["bank_value"]),
        "TARGET_BANK_VALUE": ("bank value 银行对客户价值", segment["bank_value"]),
        "TARGET_GROWTH": ("growth score 成长性", scored["growth_score"] if scored else None),
        "TARGET_INFLUENCE": ("influence score 影响力", scored["influence_score"] if scored else None),
    }
    for score_code, total in sums.items():
        if score_code in published:
            name, value = published[score_code]
            report.add(
                f"    sum of {score_code} = {_number(total)} -> {name} {_number(value)} "
                f"{_check(total, value)}"
            )


def _strategies(
    report: Report, connection: duckdb.DuckDBPyConnection, segment: dict, has_trace: bool
) -> None:
    report.title("差别化服务 Service strategies")
    sources = {}
    if has_trace:
        for row in _rows(
            connection,
            "select strategy_dimension, is_tier_refined, parameter_version, strategy_source "
            "from intermediate.int_parties_strategies_assigned where party_id = ?",
            [segment["party_id"]],
        ):
            refined = ", refined by tier" if row["is_tier_refined"] else ""
            sources[row["strategy_dimension"]] = (
                f" ({row['parameter_version']}, {row['strategy_source']}{refined})"
            )
    for dimension in STRATEGY_ORDER:
        column = dimension.lower()
        report.bullet(
            f"{STRATEGY_ZH[dimension]} {segment[f'{column}_strategy_code']}{sources.get(dimension, '')}: "
            f"{segment[f'{column}_strategy']}"
        )


def _parameters(
    report: Report, connection: duckdb.DuckDBPyConnection, segment: dict, has_trace: bool
) -> None:
    report.title("参数版本 Parameter versions and sources")
    report.bullet(
        f"classification and tier 分类分层: {segment['parameter_version']} "
        f"(source {segment['parameter_source'] or 'head-office seed rows in force'})"
    )
    report.bullet(
        f"values, thresholds, quadrant, strategies 评价与矩阵: {segment['matrix_parameter_version']} "
        f"(source {segment['matrix_parameter_source']})"
    )
    if has_trace:
        thresholds = _one(
            connection,
            "select * from intermediate.int_parties_quadrants_assigned where party_id = ?",
            [segment["party_id"]],
        )
        if thresholds:
            report.bullet(
                f"customer-value threshold {thresholds['customer_value_threshold_version']} "
                f"({thresholds['customer_value_threshold_source']}), bank-value threshold "
                f"{thresholds['bank_value_threshold_version']} "
                f"({thresholds['bank_value_threshold_source']}), "
                f"quadrant label {thresholds['quadrant_label_version']} "
                f"({thresholds['quadrant_label_source']})"
            )
        if segment["party_kind"] == "EXISTING":
            profit = _one(
                connection,
                "select parameter_version from marts.customer_profitability where customer_id = ?",
                [segment["party_id"]],
            )
            if profit:
                report.bullet(f"profit contribution 利润贡献度: {profit['parameter_version']}")


def _raw_rows(report: Report, connection: duckdb.DuckDBPyConnection, segment: dict) -> None:
    window = _one(connection, "select * from intermediate.int_evaluation_window")
    party_id = segment["party_id"]
    report.title(
        f"原始数据 Raw rows counted (staging rows of the window {window['window_first_date']} .. "
        f"{window['as_of_date']}, {window['window_days']} days)"
    )
    if segment["party_kind"] == "TARGET":
        prospect = _one(
            connection,
            "select * from staging.base_bank__prospects where prospect_id = ? and rejection_reason is null",
            [party_id],
        )
        if prospect:
            report.bullet(
                f"prospects 目标客户 row assessed on {prospect['assessed_date']}: product fit "
                f"{_number(prospect['product_fit_score'])}, marketing feasibility "
                f"{_number(prospect['marketing_feasibility_score'])}, product advantage "
                f"{_number(prospect['product_advantage_score'])}, service convenience "
                f"{_number(prospect['service_convenience_score'])}, market influence "
                f"{_number(prospect['market_influence_score'])}, chain influence "
                f"{_number(prospect['chain_influence_score'])}, revenue growth "
                f"{_number(prospect['revenue_growth_rate'], 4)}, lifecycle {prospect['lifecycle_stage']}"
            )
        _rejected_rows(report, connection, party_id)
        return

    params = [party_id, window["window_start_exclusive"], window["as_of_date"]]
    loans = _one(
        connection,
        """
        select
            count(*) as loans,
            count(*) filter (where families.balance_sheet = 'ON') as on_balance_loans,
            sum(loans.principal_amount) as principal_amount
        from staging.stg_bank__loans as loans
        left join policy.product_families as families
            on loans.product_code = families.product_code and families.product_kind = 'LOAN'
        where loans.customer_id = ?
        """,
        [party_id],
    )
    loan_balances = _one(
        connection,
        """
        select
            count(*) as balance_rows,
            count(distinct balances.loan_id) as loans_with_rows,
            sum(balances.balance_cny) filter (where families.balance_sheet = 'ON') as on_balance_days_cny,
            sum(balances.balance_cny) filter (where families.balance_sheet = 'OFF') as off_balance_days_cny
        from staging.stg_bank__loan_balances as balances
        inner join staging.stg_bank__loans as loans on balances.loan_id = loans.loan_id
        left join policy.product_families as families
            on loans.product_code = families.product_code and families.product_kind = 'LOAN'
        where loans.customer_id = ? and balances.balance_date > ? and balances.balance_date <= ?
        """,
        params,
    )
    accounts = _one(
        connection,
        """
        select
            count(*) as accounts,
            count(*) filter (where account_type = 'BASIC') as basic_accounts,
            count(*) filter (where open_date <= ? and (close_date is null or close_date > ?)) as open_as_of
        from staging.stg_bank__deposit_accounts
        where customer_id = ?
        """,
        [window["as_of_date"], window["as_of_date"], party_id],
    )
    deposit_balances = _one(
        connection,
        """
        select
            count(*) as balance_rows,
            count(distinct balances.account_id) as accounts_with_rows,
            sum(balances.balance_cny) as balance_days_cny
        from staging.stg_bank__deposit_balances as balances
        inner join staging.stg_bank__deposit_accounts as accounts on balances.account_id = accounts.account_id
        where accounts.customer_id = ? and balances.balance_date > ? and balances.balance_date <= ?
        """,
        params,
    )
    fees = _one(
        connection,
        """
        select
            count(*) as fees,
            sum(income_amount_cny) as income_cny,
            sum(expense_amount_cny) as expense_cny
        from staging.stg_bank__fees
        where customer_id = ? and fee_date > ? and fee_date <= ?
        """,
        params,
    )
    activity = _one(
        connection,
        """
        select count(*) as account_months, sum(activity.txn_count) as txn_count
        from staging.stg_bank__account_activity as activity
        inner join staging.stg_bank__deposit_accounts as accounts on activity.account_id = accounts.account_id
        where accounts.customer_id = ? and activity.activity_month > ? and activity.activity_month <= ?
        """,
        params,
    )
    summary = _one(
        connection,
        "select * from intermediate.int_customers_balances_summarised where customer_id = ?",
        [party_id],
    )
    profit = _one(connection, "select * from marts.customer_profitability where customer_id = ?", [party_id])
    days = Decimal(window["window_days"])

    report.bullet(
        f"loans 贷款: {loans['loans']} accepted ({loans['on_balance_loans']} on-balance 表内), principal "
        "合同金额 "
        f"{_money(loans['principal_amount'])} (loan currency)"
    )
    on_days = loan_balances["on_balance_days_cny"] or Decimal(0)
    report.bullet(
        f"loan balance rows 贷款日余额: {loan_balances['balance_rows']:,} rows of "
        f"{loan_balances['loans_with_rows']} "
        f"loan(s) in the window; on-balance balance-days 表内余额积数 {_money(on_days)} CNY / "
        f"{window['window_days']} "
        f"= {_money(on_days / days)} CNY average daily 日均 "
        f"{_check(on_days / days, summary['avg_daily_loan_cny'])}"
    )
    if loan_balances["off_balance_days_cny"]:
        report.bullet(
            f"off-balance balance-days 表外余额积数 {_money(loan_balances['off_balance_days_cny'])} CNY "
            "(no FTP, capital or credit cost while the off-balance switch is off)",
            depth=2,
        )
    report.bullet(
        f"deposit accounts 存款账户: {accounts['accounts']} accepted ({accounts['basic_accounts']} basic "
        "基本户, "
        f"{accounts['open_as_of']} open on the as-of date)"
    )
    deposit_days = deposit_balances["balance_days_cny"] or Decimal(0)
    report.bullet(
        f"deposit balance rows 存款日余额: {deposit_balances['balance_rows']:,} rows of "
        f"{deposit_balances['accounts_with_rows']} account(s) in the window; balance-days 余额积数 "
        f"{_money(deposit_days)} CNY / {window['window_days']} = {_money(deposit_days / days)} CNY average "
        "daily 日均 "
        f"{_check(deposit_days / days, summary['avg_daily_deposit_cny'])}"
    )
    income = fees["income_cny"] or Decimal(0)
    expense = fees["expense_cny"] or Decimal(0)
    report.bullet(
        f"fees 手续费: {fees['fees']} in the window, income 收入 {_money(income)} CNY "
        f"{_check(income, profit['fee_income'] if profit else None)}, expense 支出 {_money(expense)} CNY "
        f"{_check(expense, profit['fee_expense'] if profit else None)}"
    )
    report.bullet(
        f"account activity 账户交易: {activity['account_months']} account-months, "
        f"{activity['txn_count'] or 0:,} "
        f"transactions (/ {window['window_months']} months = "
        f"{_number((activity['txn_count'] or 0) / window['window_months'])}"
        " per month)"
    )
    _rejected_rows(report, connection, party_id)


def _check(recomputed: Decimal, used: Any) -> str:
    if used is None:
        return ""
    if round(Decimal(recomputed), 2) == round(Decimal(used), 2):
        return "(= the build's figure ✓)"
    return f"(the build used {_money(used)} ✗)"


def _rejected_rows(report: Report, connection: duckdb.DuckDBPyConnection, party_id: str) -> None:
    rejected = _rows(
        connection,
        """
        with
        party_loans as (select loan_id from staging.base_bank__loans where customer_id = ?),
        party_accounts as (select account_id from staging.base_bank__deposit_accounts where customer_id = ?),
        rejected as (
            select 'customers' as source_table, rejection_reason from staging.base_bank__customers
            where customer_id = ?
            union all
            select 'prospects', rejection_reason from staging.base_bank__prospects where prospect_id = ?
            union all
            select 'customer_tags', rejection_reason from staging.base_bank__customer_tags
            where customer_id = ?
            union all
            select 'loans', rejection_reason from staging.base_bank__loans where customer_id = ?
            union all
            select 'loan_balances', rejection_reason from staging.base_bank__loan_balances
            where loan_id in (select loan_id from party_loans)
            union all
            select 'deposit_accounts', rejection_reason from staging.base_bank__deposit_accounts
            where customer_id = ?
            union all
            select 'deposit_balances', rejection_reason from staging.base_bank__deposit_balances
            where account_id in (select account_id from party_accounts)
            union all
            select 'account_activity', rejection_reason from staging.base_bank__account_activity
            where account_id in (select account_id from party_accounts)
            union all
            select 'fees', rejection_reason from staging.base_bank__fees where customer_id = ?
        )
        select source_table, rejection_reason, count(*) as row_count
        from rejected
        where rejection_reason is not null
        group by source_table, rejection_reason
        order by source_table, rejection_reason
        """,
        [party_id] * 8,
    )
    if not rejected:
        report.bullet("quarantined rows 拒收行: none of this party's raw rows was quarantined")
        return
    shown = "; ".join(
        f"{row['source_table']} {row['rejection_reason']} x{row['row_count']}" for row in rejected
    )
    report.bullet(f"quarantined rows 拒收行 (not counted above; see mart data_quality_rejections): {shown}")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m segmentation_tools.explain",
        description=(
            "Explain one party's segment in plain words for auditors: classification path, tier rule and "
            "reason "
            "codes, national size class, indicator values and scores, thresholds, quadrant, strategies, "
            "parameter "
            "versions and sources, and the raw rows counted. Reads the BUILD database read-only: the "
            "rule-level "
            "and raw-row trace is in its staging and intermediate schemas, which are not published (given "
            "the "
            "serving database, it prints the published segment only). A build database keeps that trace for "
            "its "
            "own as-of date; earlier dates of its segment history get the published segment and a rebuild "
            "hint."
        ),
    )
    parser.add_argument("--party", required=True, help="customer_id (C...) or prospect_id (P...)")
    parser.add_argument(
        "--as-of", type=_parse_date, help="as-of date YYYY-MM-DD (default: the build's as-of date)"
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=Path(os.environ.get("DUCKDB_PATH", DEFAULT_DATABASE)),
        help=f"build database (default: $DUCKDB_PATH or {DEFAULT_DATABASE}); opened read-only",
    )
    args = parser.parse_args(argv)
    try:
        with open_database(args.database) as connection:
            text = explain(connection, args.party.strip(), args.as_of)
    except ExplainError as error:
        print(f"explain: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
