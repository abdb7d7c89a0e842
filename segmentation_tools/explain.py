"""Explain one party's segment in plain words, for auditors (客户细分解释).

Prints, for a customer (C...) or a prospect (P...): the published segment (classification path 分类,
tier 分层, quadrant 客户群, the six service strategies 差别化服务), every rule step of the trace mart
customer_segment_trace in the order the rules apply (outcome, the input and threshold compared, parameter
version and override source, the reason codes with their plain-words texts from the seed rule_reason_codes)
and, for an existing customer, the profit contribution 利润贡献度 by component.

It reads published marts only (customer_segments, customer_segment_trace, customer_profitability and their
history), so the build database (schema `marts`) and the serving database (tables in `main`) give the same
explanation. The trace holds the build's own as-of date; an earlier as-of date of the segment history gets the
published segment and profit, and the command that rebuilds that date's trace.

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

from segmentation_tools.database import DatabaseError, DatabaseLocked, connect_read_only

DEFAULT_DATABASE = "warehouse/segmentation.duckdb"
STRATEGY_DIMENSIONS = ("product", "price", "service", "marketing", "process", "relationship")
PROFIT_LINES = (
    ("+", "loan FTP net income 贷款FTP净收入", "loan_ftp_net_income"),
    ("+", "deposit FTP net income 存款FTP净收入", "deposit_ftp_net_income"),
    ("+", "fee net income 中间业务净收入", "fee_net_income"),
    ("-", "capital cost 资本成本", "capital_cost"),
    ("-", "operating cost 运营成本 (allocated + tax surcharges)", "operating_cost"),
    ("-", "credit cost 信用成本 (expected loss PD x LGD)", "credit_cost"),
)


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


def _amount(value: Any) -> str:
    return "—" if value is None else f"{Decimal(value):,.2f}"


class Marts:
    """The published marts of a build database (schema marts) or of the serving database (tables in main)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        found = connection.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema in ('marts', 'main')"
        ).fetchall()
        self.schema = "marts" if any(schema == "marts" for schema, _ in found) else "main"
        self.names = {name for schema, name in found if schema == self.schema}
        if "customer_segments" not in self.names:
            raise ExplainError("this database has no published marts (customer_segments): run `make demo`")
        self.is_serving = self.schema == "main"

    def has(self, name: str) -> bool:
        return name in self.names

    def rows(self, name: str, where: str, params: list[Any]) -> list[dict]:
        return _rows(self.connection, f"select * from {self.schema}.{name} where {where}", params)

    def one(self, name: str, where: str, params: list[Any]) -> dict | None:
        found = self.rows(name, where, params)
        return found[0] if found else None


def open_database(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return connect_read_only(path)
    except DatabaseLocked:
        raise ExplainError(
            f"{path} is locked by a running dbt build; retry when it has finished "
            "(or pass --database serving/serving.duckdb for the published marts)"
        ) from None
    except DatabaseError as error:
        if not path.exists():
            raise ExplainError(f"{error}: run `make demo` (or pass --database)") from None
        raise ExplainError(str(error)) from None


def explain(connection: duckdb.DuckDBPyConnection, party_id: str, as_of: date | None = None) -> str:
    """The plain-words explanation of a party; raises ExplainError when it cannot be given."""
    marts = Marts(connection)
    current = _one(connection, f"select max(as_of_date) as as_of_date from {marts.schema}.customer_segments")
    current_date = current["as_of_date"] if current else None
    wanted = as_of or current_date
    if wanted == current_date:
        segment = marts.one("customer_segments", "party_id = ?", [party_id])
        profit = marts.one("customer_profitability", "customer_id = ?", [party_id])
        steps = marts.rows("customer_segment_trace", "party_id = ? order by step_order", [party_id])
    elif marts.has("customer_segment_history"):
        segment = marts.one("customer_segment_history", "party_id = ? and as_of_date = ?", [party_id, wanted])
        profit = marts.one(
            "customer_profitability_history", "customer_id = ? and as_of_date = ?", [party_id, wanted]
        )
        steps = []
        if segment is None and not marts.rows("customer_segment_history", "as_of_date = ? limit 1", [wanted]):
            raise ExplainError(
                f"as-of date {wanted} is neither the build's ({current_date}) nor in its segment history; "
                f"rebuild with --vars '{{as_of_date: {wanted}}}' or run `make backfill`"
            )
    else:
        raise ExplainError(f"the database holds as-of date {current_date} only, not {wanted}")
    if segment is None:
        raise ExplainError(_unknown_party_message(marts, party_id, wanted))

    report = Report()
    _header(report, segment, marts)
    _segment(report, segment)
    if steps:
        _rule_steps(report, steps)
    else:
        report.title("规则步骤 Rule steps")
        report.add(
            f"The trace mart holds the build's as-of date ({current_date}) only. To trace {wanted}, "
            "rebuild it into a separate database, e.g."
        )
        report.add(
            f"  DUCKDB_PATH=warehouse/trace.duckdb .venv/bin/dbt build --profiles-dir profiles "
            f"--vars '{{as_of_date: {wanted}}}'"
        )
    if profit:
        _profit(report, profit)
    _parameters(report, segment, profit)
    return report.text()


def _unknown_party_message(marts: Marts, party_id: str, as_of: date) -> str:
    if marts.has("data_quality_rejections"):
        rejected = marts.one(
            "data_quality_rejections",
            "row_key = ? and source_table in ('customers', 'prospects') order by source_table",
            [party_id],
        )
        if rejected:
            return (
                f"party {party_id} was quarantined in staging ({rejected['source_table']}: "
                f"{rejected['reason_code']}), not segmented; see data_quality_rejections"
            )
    return (
        f"unknown party {party_id}: not in customer_segments for as-of date {as_of} (not an existing "
        "customer in the window, a prospect that is already a customer, or not in the raw data)"
    )


def _header(report: Report, segment: dict, marts: Marts) -> None:
    kind = "存量客户 existing customer" if segment["party_kind"] == "EXISTING" else "目标客户 target prospect"
    report.add(f"客户细分解释 Explanation of {segment['party_id']} {segment['party_name'] or ''}".rstrip())
    report.add(
        f"{kind} · as-of date 评价日 {segment['as_of_date']} · branch 经营机构 {segment['branch_code']} · "
        f"region 区域 {segment['region_code']} · industry 行业 {segment['industry_code']} · "
        f"group 集团 {segment['group_id'] or '—'}"
    )
    source = "serving database" if marts.is_serving else "build database"
    report.add(f"Source: {source} (published marts, read-only).")


def _segment(report: Report, segment: dict) -> None:
    report.title(f"分类路径 Classification path: {segment['classification_path']}")
    report.bullet(
        f"loan status 贷款状态 {segment['loan_status']}, market class 市场性质 {segment['market_class']}, "
        f"sub-class 客户类别 {segment['sub_class']}"
        + (f", emerging group {segment['emerging_group']}" if segment["emerging_group"] else "")
        + f"; Tier rule: {segment['tier']}; national size class 国家企业规模 {segment['national_size_class']}"
    )
    unit = " CNY" if segment["customer_value_basis"] == "PROFIT_CONTRIBUTION" else ""
    customer_value = _amount(segment["customer_value"])
    customer_threshold = _amount(segment["customer_value_threshold"])
    bank_value, bank_threshold = _amount(segment["bank_value"]), _amount(segment["bank_value_threshold"])
    report.bullet(
        f"customer value 客户对银行价值 ({segment['customer_value_basis']}) {customer_value}{unit} vs "
        f"threshold {customer_threshold}{unit} -> {segment['customer_value_level']}; "
        f"bank value 银行对客户价值 {bank_value} vs {bank_threshold} -> {segment['bank_value_level']}"
    )
    report.bullet(f"Quadrant: {segment['quadrant']} {segment['quadrant_zh']}")
    report.add("差别化服务 Service strategies:")
    for dimension in STRATEGY_DIMENSIONS:
        code, text = segment[f"{dimension}_strategy_code"], segment[f"{dimension}_strategy"]
        report.bullet(f"{dimension} {code}: {text}", depth=2)
    if segment.get("data_quality_flags"):
        report.add(f"Data-quality flags 数据质量标记 (treated as missing): {segment['data_quality_flags']}")


def _rule_steps(report: Report, steps: list[dict]) -> None:
    report.title("规则步骤 Rule steps (customer_segment_trace), in the order the rules apply")
    for step in steps:
        report.add(f"{step['step_order']:>2}. {step['rule_step']}: {step['outcome'] or '—'}")
        compared = []
        if step["input_value"] is not None or step["input_text"] is not None:
            shown = [
                _amount(step["input_value"]) if step["input_value"] is not None else None,
                step["input_text"],
            ]
            compared.append("input " + " ".join(part for part in shown if part))
        if step["threshold_value"] is not None:
            compared.append(f"threshold {_amount(step['threshold_value'])}")
        if step["parameter_version"]:
            source = f", {step['parameter_source']}" if step["parameter_source"] else ""
            compared.append(f"version {step['parameter_version']}{source}")
        if compared:
            report.bullet("; ".join(compared))
        codes = [code for code in (step["reason_codes"] or "").split(";") if code]
        texts = (step["reason_texts"] or "").split("; ")
        for code, text in zip(codes, texts, strict=False):
            report.bullet(f"{code}: {text}")


def _profit(report: Report, profit: dict) -> None:
    report.title(
        f"利润贡献度 Profit contribution {_amount(profit['profit_contribution'])} CNY over the window"
    )
    for sign, name, column in PROFIT_LINES:
        report.add(f"    {sign}  {name} {_amount(profit[column])}")
    report.add(
        f"    average daily deposit 存款日均 {_amount(profit['avg_daily_deposit_cny'])} CNY, loan 贷款日均 "
        f"{_amount(profit['avg_daily_loan_cny'])} CNY; "
        f"RAROC {'—' if profit['raroc'] is None else profit['raroc']}"
    )


def _parameters(report: Report, segment: dict, profit: dict | None) -> None:
    report.title("参数版本 Parameter versions and sources")
    report.bullet(
        f"classification and tier 分类分层: {segment['parameter_version']} "
        f"(source {segment['parameter_source'] or 'head-office seed rows in force'})"
    )
    report.bullet(
        f"values, thresholds, quadrant, strategies 评价与矩阵: {segment['matrix_parameter_version']} "
        f"(source {segment['matrix_parameter_source']})"
    )
    if profit:
        report.bullet(f"profit contribution 利润贡献度: {profit['parameter_version']}")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from error


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m segmentation_tools.explain",
        description=(
            "Explain one party's segment in plain words for auditors: the published segment, every rule "
            "step of the trace mart customer_segment_trace (outcome, input, threshold, parameter version and "
            "source, reason texts) and the profit contribution by component. Reads published marts only, "
            "from the build or the serving database (read-only)."
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
        help=f"build or serving database (default: $DUCKDB_PATH or {DEFAULT_DATABASE}); opened read-only",
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
