"""`python -m segmentation_tools.explain` on the warehouse built by `make dbt-test` (DUCKDB_PATH): the
explanation of a party names its path, tier rule, values, thresholds, quadrant, strategies and versions, and
the raw rows it re-adds agree with the build's figures; unknown parties, other as-of dates, the serving
database and a locked build database each get a clear one-line answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import explain


def _party(warehouse: duckdb.DuckDBPyConnection, where: str) -> dict:
    result = warehouse.execute(
        f"select * from marts.customer_segments where {where} order by party_id limit 1"
    )
    columns = [column[0] for column in result.description]
    rows = result.fetchall()
    if not rows:
        pytest.skip(f"no party with {where} in the test warehouse")
    return dict(zip(columns, rows[0], strict=True))


def test_an_existing_customer_is_explained_from_path_to_raw_rows(warehouse) -> None:
    party = _party(warehouse, "party_kind = 'EXISTING' and loan_status = 'WITH_LOAN' and tier <> 'UNRATED'")
    text = explain.explain(warehouse, party["party_id"])
    assert party["classification_path"] in text
    for code in party["reason_codes"].split(";"):
        assert code in text
    assert f"Tier rule: {party['tier']}" in text
    assert f"Quadrant: {party['quadrant']} {party['quadrant_zh']}" in text
    assert f"{party['customer_value_threshold']:,}" in text and f"{party['bank_value_threshold']}" in text
    for column in ("product", "price", "service", "marketing", "process", "relationship"):
        assert party[f"{column}_strategy_code"] in text
    assert party["parameter_version"] in text and party["matrix_parameter_version"] in text
    assert "profit contribution 利润贡献度" in text and "sum of EXISTING_BANK_VALUE" in text
    for raw in ("loan balance rows", "deposit balance rows", "fees 手续费", "quarantined rows"):
        assert raw in text
    assert "✓" in text and "✗" not in text


def test_the_raw_rows_re_added_agree_with_the_build_for_every_sampled_party(warehouse) -> None:
    """The explanation re-adds the staging rows: for a sample of each population it must find the build's
    averages, fee totals and scores again (a ✗ marks a disagreement)."""
    rows = warehouse.execute(
        "select party_id from marts.customer_segments where hash(party_id) % 25 = 0 "
        "order by party_id limit 40"
    ).fetchall()
    assert rows
    disagreements = []
    for (party_id,) in rows:
        text = explain.explain(warehouse, party_id)
        disagreements += [f"{party_id}: {line.strip()}" for line in text.splitlines() if "✗" in line]
    assert not disagreements, "\n".join(disagreements)


def test_a_target_prospect_shows_its_potential_value_formula(warehouse) -> None:
    party = _party(warehouse, "party_kind = 'TARGET'")
    text = explain.explain(warehouse, party["party_id"])
    assert "potential value 潜在价值贡献度" in text
    assert "x industry space" in text and "prospects 目标客户 row assessed on" in text
    assert "✗" not in text


def test_an_unknown_party_gets_a_one_line_error(
    capsys: pytest.CaptureFixture[str], warehouse_path: Path
) -> None:
    code = explain.main(["--party", "C9999999", "--database", str(warehouse_path)])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert captured.err.count("\n") == 1 and "unknown party C9999999" in captured.err


def test_another_as_of_date_is_refused_with_the_rebuild_command(warehouse) -> None:
    party = _party(warehouse, "party_kind = 'EXISTING'")
    with pytest.raises(explain.ExplainError, match="as_of_date: 1999-12-31"):
        explain.explain(warehouse, party["party_id"], explain.date(1999, 12, 31))


def test_the_serving_database_gives_the_published_segment_only(warehouse, published_serving_database: Path):
    party = _party(warehouse, "party_kind = 'EXISTING'")
    with explain.open_database(published_serving_database) as serving:
        text = explain.explain(serving, party["party_id"])
    assert party["classification_path"] in text and party["quadrant"] in text
    assert "serving database (published marts only)" in text
    assert "read from the build database" in text


def test_a_database_locked_by_a_build_gets_a_clear_message(tmp_path: Path) -> None:
    database = tmp_path / "building.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); c.execute('create table t (i int)'); "
            "print('ready', flush=True); time.sleep(60)",
            str(database),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(explain.ExplainError, match="locked by a running dbt build"):
            explain.open_database(database)
    finally:
        holder.kill()
        holder.wait()
