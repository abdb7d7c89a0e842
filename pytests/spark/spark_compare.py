"""Row-by-row comparison of a Spark build's tables with a DuckDB build of the same raw data (issue 20).

Both are read with DuckDB: the DuckDB build from its database file, the Spark build from the Parquet folders
of Spark's warehouse directory. Rows are matched on the table's key (the columns of its
`unique_combination_of_columns` test in the manifest) and every other column is compared by its type in the
DuckDB build: text, dates, booleans and integers identical; decimals of scale 2 or less (money) identical to
the cent; other decimals and floating-point columns (scores, rates, shares) within 1e-6.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

TOLERANCE = "0.000001"
EXAMPLES = 3
# The marts' comparisons of a pytest run, printed as a summary at its end (conftest.py).
RECORDED: list[Comparison] = []


@dataclass(frozen=True)
class SparkBuild:
    """A Spark build's tables: `<tables_dir>/<schema>.db/<table>/` (partition folders `<column>=<value>/`)."""

    tables_dir: Path

    def table_dir(self, schema: str, table: str) -> Path:
        return self.tables_dir / f"{schema}.db" / table

    def files(self, schema: str, table: str) -> list[Path]:
        return sorted(self.table_dir(schema, table).glob("**/*.parquet"))

    def relation(self, schema: str, table: str) -> str | None:
        """A DuckDB table expression over the table's files, or None when it holds no Parquet file."""
        if not self.table_dir(schema, table).is_dir():
            raise FileNotFoundError(
                f"Spark build has no table {schema}.{table} ({self.table_dir(schema, table)})"
            )
        if not self.files(schema, table):
            return None
        pattern = (self.table_dir(schema, table) / "**" / "*.parquet").as_posix().replace("'", "''")
        return f"read_parquet('{pattern}', hive_partitioning = true)"

    def fingerprint(self, connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> tuple[int, str]:
        """Row count and the sum of a hash of every row, its columns taken in name order."""
        relation = self.relation(schema, table)
        if relation is None:
            return 0, "0"
        columns = sorted(
            name for name, *_ in connection.execute(f"describe select * from {relation}").fetchall()
        )
        row_hash = "hash(" + ", ".join(f'"{name}"' for name in columns) + ")"
        rows, hash_sum = connection.execute(
            f"select count(*), coalesce(sum({row_hash}), 0) from {relation}"
        ).fetchone()
        return rows, str(hash_sum)


@dataclass
class Comparison:
    table: str
    key: list[str]
    reference_rows: int = 0
    spark_rows: int = 0
    only_in_reference: int = 0
    only_in_spark: int = 0
    differing: dict[str, int] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)
    column_problems: list[str] = field(default_factory=list)

    @property
    def differences(self) -> int:
        return (
            self.only_in_reference
            + self.only_in_spark
            + sum(self.differing.values())
            + len(self.column_problems)
        )

    def describe(self) -> str:
        parts = [f"{self.table}: {self.reference_rows} rows in DuckDB, {self.spark_rows} in Spark"]
        if self.only_in_reference or self.only_in_spark:
            parts.append(f"{self.only_in_reference} keys only in DuckDB, {self.only_in_spark} only in Spark")
        parts += self.column_problems
        parts += [f"{column} differs in {count} rows" for column, count in sorted(self.differing.items())]
        parts += self.examples
        return "; ".join(parts)


def table_keys(manifest_path: Path, project: str = "corporate_segmentation") -> dict[str, list[str]]:
    """Each model's key: the combination of its unique_combination_of_columns test in the manifest."""
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    keys = {}
    for node in manifest["nodes"].values():
        metadata = node.get("test_metadata") or {}
        if node["resource_type"] != "test" or metadata.get("name") != "unique_combination_of_columns":
            continue
        for parent in node["depends_on"]["nodes"]:
            if parent.startswith(f"model.{project}."):
                arguments = metadata["kwargs"]
                keys[parent.split(".")[-1]] = list(
                    arguments.get("combination") or arguments["combination_of_columns"]
                )
    return keys


def _comparison_rule(data_type: str) -> str:
    upper = data_type.upper()
    if upper.startswith("DECIMAL"):
        scale = int(upper.split(",")[1].rstrip(") "))
        return "exact" if scale <= 2 else "tolerance"
    if upper in {"DOUBLE", "FLOAT", "REAL"}:
        return "tolerance"
    return "exact"


def compare_table(
    connection: duckdb.DuckDBPyConnection, spark: SparkBuild, schema: str, table: str, key: list[str]
) -> Comparison:
    """Compare `<schema>.<table>` of the DuckDB build (the connection's database) with the Spark build's."""
    result = Comparison(table=table, key=key)
    columns = connection.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    if not columns:
        raise LookupError(f"DuckDB build has no table {schema}.{table}")
    types = dict(columns)
    spark_relation = spark.relation(schema, table)
    if spark_relation is None:
        typed = ", ".join(f'cast(null as {data_type}) as "{name}"' for name, data_type in columns)
        spark_relation = f"(select {typed} where false)"
    spark_columns = {
        name for name, *_ in connection.execute(f"describe select * from {spark_relation}").fetchall()
    }
    missing = [name for name in types if name not in spark_columns]
    extra = sorted(spark_columns - set(types))
    if missing:
        result.column_problems.append(f"columns missing on Spark: {', '.join(missing)}")
    if extra:
        result.column_problems.append(f"columns only on Spark: {', '.join(extra)}")
    compared = [name for name in types if name in spark_columns]

    spark_typed = ", ".join(f'cast("{name}" as {types[name]}) as "{name}"' for name in compared)
    connection.execute(
        f"create or replace temp view spark_rows as select {spark_typed} from {spark_relation}"
    )
    connection.execute(f'create or replace temp view reference_rows as select * from "{schema}"."{table}"')
    result.reference_rows = connection.execute("select count(*) from reference_rows").fetchone()[0]
    result.spark_rows = connection.execute("select count(*) from spark_rows").fetchone()[0]

    join = " and ".join(f'r."{name}" is not distinct from s."{name}"' for name in key)
    reference_side = "(select *, true as __in_reference from reference_rows) as r"
    spark_side = "(select *, true as __in_spark from spark_rows) as s"
    result.only_in_reference, result.only_in_spark = connection.execute(
        "select count(*) filter (where s.__in_spark is null), "
        "count(*) filter (where r.__in_reference is null) "
        f"from {reference_side} full outer join {spark_side} on {join}"
    ).fetchone()

    key_text = " || '|' || ".join(f"coalesce(cast(r.\"{name}\" as varchar), 'null')" for name in key)
    for name in compared:
        if name in key:
            continue
        reference_value, spark_value = f'r."{name}"', f's."{name}"'
        if _comparison_rule(types[name]) == "exact":
            differs = f"{reference_value} is distinct from {spark_value}"
        else:
            left, right = (
                f"cast({reference_value} as decimal(38, 10))",
                f"cast({spark_value} as decimal(38, 10))",
            )
            differs = f"({left} is null) <> ({right} is null) or abs({left} - {right}) > {TOLERANCE}"
        example = (
            f"{key_text} || ': duckdb ' || coalesce(cast({reference_value} as varchar), 'null') "
            f"|| ', spark ' || coalesce(cast({spark_value} as varchar), 'null')"
        )
        count, examples = connection.execute(
            f"select count(*), list({example} order by {example})[1:{EXAMPLES}] "
            f"from {reference_side} inner join {spark_side} on {join} where {differs}"
        ).fetchone()
        if count:
            result.differing[name] = count
            result.examples += [f"{name} {text}" for text in examples]
    return result
