"""`python -m segmentation_tools.explain` on the warehouse built by `make dbt-test` (DUCKDB_PATH): the
explanation of a party names its path, tier rule, values, thresholds, quadrant, strategies and versions
and prints every rule step of the trace mart with the seed's plain words; the serving database gives the same
text (explain reads published marts only); unknown parties, other as-of dates and a locked build database each
get a clear one-line answer."""

from __future__ import annotations

import csv
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


def _trace(warehouse: duckdb.DuckDBPyConnection, party_id: str) -> list[tuple]:
    return warehouse.execute(
        "select rule_step, outcome, reason_codes, reason_texts from marts.customer_segment_trace "
        "where party_id = ? order by step_order",
        [party_id],
    ).fetchall()


def test_an_existing_customer_is_explained_from_path_to_profit(warehouse) -> None:
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
    assert "Profit contribution" in text and "capital cost 资本成本" in text


def test_every_rule_step_of_the_trace_mart_is_printed_with_its_reason_texts(warehouse) -> None:
    """The explanation prints each step of customer_segment_trace in order, with the texts the mart joined
    from the seed rule_reason_codes, for a sample of both populations."""
    rows = warehouse.execute(
        "select party_id from marts.customer_segments where hash(party_id) % 25 = 0 "
        "order by party_id limit 40"
    ).fetchall()
    assert rows
    for (party_id,) in rows:
        text = explain.explain(warehouse, party_id)
        trace = _trace(warehouse, party_id)
        assert len(trace) >= 16, party_id
        positions = [text.index(f". {step}: ") for step, *_ in trace]
        assert positions == sorted(positions), party_id
        for _, _, codes, texts in trace:
            for code, reason in zip((codes or "").split(";"), (texts or "").split("; "), strict=True):
                if code:
                    assert f"{code}: {reason}" in text, (party_id, code)


def test_the_plain_words_are_not_restated_in_python() -> None:
    """The reason texts live in the seed only: explain.py carries no copy that would lie after an edit."""
    source = Path(explain.__file__).read_text(encoding="utf-8")
    seed = Path(__file__).resolve().parents[1] / "seeds" / "reference" / "rule_reason_codes.csv"
    with seed.open(encoding="utf-8") as handle:
        texts = [row["reason_text"] for row in csv.DictReader(handle)]
    assert texts
    restated = [reason for reason in texts if reason.split(":")[-1].strip()[:30] in source]
    assert not restated, restated


def test_a_target_prospect_shows_its_potential_value(warehouse) -> None:
    party = _party(warehouse, "party_kind = 'TARGET'")
    text = explain.explain(warehouse, party["party_id"])
    assert "(POTENTIAL_VALUE)" in text and ". CUSTOMER_VALUE: " in text and ". EXISTENCE: TARGET" in text
    assert "Profit contribution" not in text


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


def test_the_serving_database_gives_the_same_explanation(warehouse, published_serving_database: Path) -> None:
    """The serving database holds the published marts only: the same text from it shows that explain reads no
    staging or intermediate relation."""
    party = _party(warehouse, "party_kind = 'EXISTING'")
    with explain.open_database(published_serving_database) as serving:
        served = explain.explain(serving, party["party_id"])
    built = explain.explain(warehouse, party["party_id"])
    assert "Source: serving database" in served
    assert served.replace("serving database", "build database") == built


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


def test_a_file_that_is_not_a_database_gets_one_line(tmp_path: Path) -> None:
    """A raw Parquet file passed as --database: DuckDB would open it as a new database and fail in a query."""
    parquet = tmp_path / "part-0.parquet"
    duckdb.sql(f"copy (select 'C1' as customer_id) to '{parquet}' (format parquet)")
    with pytest.raises(explain.ExplainError, match="is not a DuckDB database file"):
        explain.open_database(parquet)
