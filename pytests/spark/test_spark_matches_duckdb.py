"""The whole project built on Apache Spark gives the same published marts as on DuckDB (issue 20).

`make test-spark` builds the project with every test on local Spark (dbt-spark, `method: session`) and on
DuckDB from the same raw data; each mart below is compared row by row on its key: identical codes, money to
the cent, scores and rates to 1e-6 (pytests/spark/compare.py). A table of the comparison is printed at the end
of the run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spark_compare import RECORDED, compare_table, table_keys

COMPARED_MARTS = (
    "customer_segments",
    "customer_profitability",
    "segment_matrix_existing",
    "segment_matrix_target",
    "customer_segment_history",
    "customer_profitability_history",
    "segment_structure_trend",
    "segment_migration",
    "profit_concentration",
)


@pytest.fixture(scope="module")
def keys(spark_test_work: Path) -> dict[str, list[str]]:
    return table_keys(spark_test_work / "reference-target" / "manifest.json")


@pytest.mark.parametrize("mart", COMPARED_MARTS)
def test_spark_mart_equals_duckdb_mart(mart, keys, reference, spark_build) -> None:
    assert mart in keys, f"{mart} has no unique_combination_of_columns test to match rows on"
    comparison = compare_table(reference, spark_build, "marts", mart, keys[mart])
    RECORDED.append(comparison)
    assert comparison.reference_rows > 0 or mart == "segment_migration", f"{mart} is empty on DuckDB"
    assert comparison.differences == 0, comparison.describe()


def test_the_comparison_finds_a_changed_cent(reference, spark_build, keys) -> None:
    """Negative control: the same comparison reports a single cent moved in one Spark row."""
    connection = reference
    original = compare_table(
        connection, spark_build, "marts", "customer_profitability", keys["customer_profitability"]
    )
    relation = spark_build.relation("marts", "customer_profitability")
    connection.execute(
        "create or replace temp view tampered as "
        f"select * replace (case when row_number() over (order by customer_id) = 1 "
        "then profit_contribution + 0.01 else profit_contribution end as profit_contribution) "
        f"from {relation}"
    )

    class Tampered:
        def relation(self, schema: str, table: str) -> str:
            return "tampered"

    tampered = compare_table(
        connection, Tampered(), "marts", "customer_profitability", keys["customer_profitability"]
    )
    assert tampered.differing == {**original.differing, "profit_contribution": 1}
