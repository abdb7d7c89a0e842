"""Great Expectations suites for the raw tables (seeded samples) and the published marts (whole tables), with
Data Docs HTML for auditors (DECISIONLOG Q-005).

GX 1.x through its SQL datasource gives wrong results on DuckDB, so this takes the pandas route: DuckDB reads
each table into a DataFrame and GX validates the DataFrame. The suites are built in code from the raw contract
(the dbt sources YAML), the dbt YAML of the marts and `great_expectations/expectations.yml` (see its header).
No GX Cloud, no network, no usage statistics (GX_ANALYTICS_ENABLED=false): an ephemeral context whose only
output is the Data Docs site, rebuilt from scratch in `reports/data_docs/` (open `index.html`).

A failing expectation makes the command exit 1 with a readable summary (suite, expectation, column, how many
rows, examples); exit 2 when the database or raw directory cannot be read.

Usage: python -m segmentation_tools.expectations --database DB --raw-data-dir DIR
           [--docs-dir reports/data_docs]
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import shutil
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

os.environ["GX_ANALYTICS_ENABLED"] = "false"  # before great_expectations is imported

import duckdb
import yaml

from segmentation_tools.raw_contract import CONTRACT, TABLES, family

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SPEC_FILE = PROJECT_ROOT / "great_expectations" / "expectations.yml"
REFERENCE_CODES = PROJECT_ROOT / "seeds" / "reference" / "reference_codes.csv"
ISO_4217_CURRENCIES = PROJECT_ROOT / "seeds" / "reference" / "iso_4217_currencies.csv"
DBT_PROJECT = PROJECT_ROOT / "dbt_project.yml"
MART_YAML_DIR = PROJECT_ROOT / "models" / "marts"
DEFAULT_DOCS_DIR = Path("reports") / "data_docs"
MARTS_SCHEMA = "marts"
EXAMPLES_SHOWN = 5


class ExpectationsError(Exception):
    """A reason the suites could not run at all, printed as one line (exit 2)."""


@dataclass
class ExpectationSpec:
    """One expectation, independent of GX: its GX class name and keyword arguments."""

    type_name: str
    kwargs: dict


@dataclass
class SuiteSpec:
    name: str
    layer: str  # raw / marts
    table: str
    expectations: list[ExpectationSpec] = field(default_factory=list)

    def add(self, type_name: str, **kwargs) -> None:
        self.expectations.append(ExpectationSpec(type_name, kwargs))


@dataclass
class Outcome:
    suite: str
    evaluated: int
    failures: list[str]
    rows: int


# ------------------------------------------------------------------------------------------------------------
# Building the suites (pure Python, no GX)
# ------------------------------------------------------------------------------------------------------------


def load_spec(path: Path = SPEC_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def reference_codes(
    path: Path = REFERENCE_CODES, currencies: Path = ISO_4217_CURRENCIES
) -> dict[str, list[str]]:
    """The code sets of the seed reference_codes, and the ISO 4217 currencies as code set `currency`."""
    codes: dict[str, list[str]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            codes.setdefault(row["code_set"], []).append(row["code"])
    with open(currencies, encoding="utf-8", newline="") as handle:
        codes["currency"] = [row["currency_code"] for row in csv.DictReader(handle)]
    return codes


def raw_mostly(path: Path = DBT_PROJECT) -> float:
    """Raw suites tolerate the share of bad rows the build tolerates: 1 - var rejected_share_error."""
    project = yaml.safe_load(path.read_text(encoding="utf-8"))
    return round(1.0 - float(project.get("vars", {}).get("rejected_share_error", 0.05)), 6)


def _add_extras(suite: SuiteSpec, extras: dict, codes: dict[str, list[str]], mostly: float | None) -> None:
    tolerance = {} if mostly is None or mostly >= 1 else {"mostly": mostly}
    for column, code_set in (extras.get("in_code_set") or {}).items():
        if code_set not in codes:
            raise ExpectationsError(
                f"expectations.yml: unknown code set {code_set!r} for {suite.table}.{column}"
            )
        suite.add("ExpectColumnValuesToBeInSet", column=column, value_set=codes[code_set], **tolerance)
    for column, values in (extras.get("in_set") or {}).items():
        suite.add("ExpectColumnValuesToBeInSet", column=column, value_set=list(values), **tolerance)
    for column, (low, high) in (extras.get("between") or {}).items():
        suite.add("ExpectColumnValuesToBeBetween", column=column, min_value=low, max_value=high, **tolerance)
    for column, pattern in (extras.get("regex") or {}).items():
        suite.add("ExpectColumnValuesToMatchRegex", column=column, regex=pattern, **tolerance)
    for column_a, column_b, or_equal in extras.get("a_greater_than_b") or []:
        suite.add(
            "ExpectColumnPairValuesAToBeGreaterThanB",
            column_A=column_a,
            column_B=column_b,
            or_equal=bool(or_equal),
            ignore_row_if="either_value_is_missing",
            **tolerance,
        )
    if extras.get("row_count"):
        low, high = extras["row_count"]
        suite.add("ExpectTableRowCountToBeBetween", min_value=low, max_value=high)


def raw_suites(spec: dict, codes: dict[str, list[str]], mostly: float) -> list[SuiteSpec]:
    suites = []
    for table in TABLES:
        contract = CONTRACT[table]
        suite = SuiteSpec(name=f"raw.{table}", layer="raw", table=table)
        suite.add("ExpectTableColumnsToMatchSet", column_set=list(contract.columns), exact_match=False)
        key = list(contract.primary_key)
        for column in contract.columns:
            if column not in contract.nullable:
                suite.add("ExpectColumnValuesToNotBeNull", column=column, mostly=mostly)
        if len(key) == 1:
            suite.add("ExpectColumnValuesToBeUnique", column=key[0], mostly=mostly)
        else:
            suite.add("ExpectCompoundColumnsToBeUnique", column_list=key, mostly=mostly)
        _add_extras(suite, (spec.get("raw") or {}).get(table) or {}, codes, mostly)
        suites.append(suite)
    return suites


def _test_name_and_arguments(test: str | dict) -> tuple[str, dict, dict]:
    if isinstance(test, str):
        return test, {}, {}
    (name, body), *_ = test.items()
    body = body or {}
    arguments = body.get("arguments", {k: v for k, v in body.items() if k != "config"})
    return name, arguments or {}, body.get("config") or {}


def mart_models(yaml_dir: Path = MART_YAML_DIR) -> dict[str, dict]:
    """Every model documented in the marts' YAML files: name -> YAML entry."""
    models = {}
    for path in sorted(yaml_dir.rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models") or []:
            models[model["name"]] = model
    return models


def mart_suite(name: str, model: dict, spec: dict) -> SuiteSpec:
    """A suite from the mart's documented contract and dbt tests (warn-level or filtered dbt tests are
    left to dbt)."""
    suite = SuiteSpec(name=f"marts.{name}", layer="marts", table=name)
    columns = [column["name"] for column in model.get("columns") or []]
    if columns:
        suite.add("ExpectTableColumnsToMatchSet", column_set=columns, exact_match=True)
    for column in model.get("columns") or []:
        for test in column.get("data_tests") or column.get("tests") or []:
            test_name, arguments, config = _test_name_and_arguments(test)
            if config.get("where") or config.get("severity") == "warn":
                continue
            if test_name == "not_null":
                suite.add("ExpectColumnValuesToNotBeNull", column=column["name"])
            elif test_name == "unique":
                suite.add("ExpectColumnValuesToBeUnique", column=column["name"])
            elif test_name == "accepted_values" and arguments.get("values") is not None:
                suite.add(
                    "ExpectColumnValuesToBeInSet", column=column["name"], value_set=list(arguments["values"])
                )
    for test in model.get("data_tests") or model.get("tests") or []:
        test_name, arguments, config = _test_name_and_arguments(test)
        if test_name == "unique_combination_of_columns" and not config.get("where"):
            key_columns = arguments.get("combination_of_columns") or arguments["combination"]
            suite.add("ExpectCompoundColumnsToBeUnique", column_list=list(key_columns))
    _add_extras(suite, (spec.get("marts") or {}).get(name) or {}, {}, None)
    return suite


# ------------------------------------------------------------------------------------------------------------
# Reading the data (DuckDB -> pandas)
# ------------------------------------------------------------------------------------------------------------


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def raw_sample(raw_dir: Path, table: str, rows: int, seed: int):
    """A seeded sample of a raw table as a DataFrame, numbers/dates/booleans cast as staging casts them
    (a value that does not cast becomes missing); columns absent from the files are absent from the frame."""
    pattern = str(raw_dir / table / "*.parquet").replace("'", "''")
    with duckdb.connect() as connection:
        connection.execute("set threads = 1")  # reservoir sampling is repeatable single-threaded
        connection.execute("set enable_progress_bar = false")
        present = {
            row[0]
            for row in connection.execute(f"describe select * from read_parquet('{pattern}')").fetchall()
        }
        casts = {"number": "double", "date": "date", "boolean": "boolean", "text": "varchar"}
        selected = [
            f"try_cast({_quote(column)} as {casts[family(contract_type)]}) as {_quote(column)}"
            for column, contract_type in CONTRACT[table].columns.items()
            if column in present
        ]
        selected += [_quote(column) for column in sorted(present - set(CONTRACT[table].columns))]
        query = (
            f"select {', '.join(selected)} from read_parquet('{pattern}') "
            f"using sample reservoir({int(rows)} rows) repeatable ({int(seed)})"
        )
        return connection.execute(query).df()


def mart_tables(database: Path) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select table_name from information_schema.tables where table_schema = ? order by table_name",
            [MARTS_SCHEMA],
        ).fetchall()
    return [row[0] for row in rows]


def mart_frame(database: Path, table: str):
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(f"select * from {MARTS_SCHEMA}.{_quote(table)}").df()


# ------------------------------------------------------------------------------------------------------------
# Running with GX
# ------------------------------------------------------------------------------------------------------------


def _show(value) -> str:
    """An unexpected value as a person would write it (dates as YYYY-MM-DD, whole numbers without '.0')."""
    import numpy as np

    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    if isinstance(value, np.datetime64):
        return str(np.datetime_as_string(value, unit="D"))
    if hasattr(value, "date") and callable(value.date) and hasattr(value, "hour"):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _describe_failure(result) -> str:
    config = result.expectation_config
    kwargs = config.kwargs
    target = kwargs.get("column") or ",".join(
        kwargs.get("column_list") or [kwargs.get("column_A", ""), kwargs.get("column_B", "")]
    )
    target = target.strip(",") or "table"
    details = result.result or {}
    if "unexpected_count" in details and details.get("element_count") is not None:
        examples = []
        for value in details.get("partial_unexpected_list") or []:
            text = _show(value)
            if text not in examples:
                examples.append(text)
        shown = f", e.g. {', '.join(examples[:EXAMPLES_SHOWN])}" if examples else ""
        percent = details.get("unexpected_percent") or 0.0
        what = f"{details['unexpected_count']} of {details['element_count']} rows ({percent:.2f}%){shown}"
    elif "observed_value" in details:
        mismatch = (details.get("details") or {}).get("mismatched")
        what = f"observed {details['observed_value']}" + (f", mismatched {mismatch}" if mismatch else "")
    elif result.exception_info and result.exception_info.get("raised_exception"):
        what = (
            "could not be evaluated: "
            + str(result.exception_info.get("exception_message", "")).splitlines()[0]
        )
    else:
        what = "failed"
    mostly = kwargs.get("mostly")
    tolerance = f" (tolerated share {1 - mostly:.0%})" if mostly not in (None, 1, 1.0) else ""
    return f"{config.type}({target}): {what}{tolerance}"


def _context(docs_dir: Path):
    from great_expectations.data_context.types.base import ProgressBarsConfig

    import great_expectations as gx

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.add_data_docs_site(
        site_name="auditors",
        site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        },
    )
    return context


def validate(context, datasource, suite_spec: SuiteSpec, frame) -> Outcome:
    import great_expectations.expectations as gxe

    import great_expectations as gx

    suite = context.suites.add(gx.ExpectationSuite(name=suite_spec.name))
    for expectation in suite_spec.expectations:
        suite.add_expectation(getattr(gxe, expectation.type_name)(**expectation.kwargs))
    asset = datasource.add_dataframe_asset(name=suite_spec.name)
    batch_definition = asset.add_batch_definition_whole_dataframe("whole_table")
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=suite_spec.name, data=batch_definition, suite=suite)
    )
    result = definition.run(batch_parameters={"dataframe": frame}, result_format="SUMMARY")
    failures = [_describe_failure(r) for r in result.results if not r.success]
    return Outcome(suite_spec.name, len(result.results), failures, len(frame))


def run(database: Path, raw_dir: Path, docs_dir: Path) -> list[Outcome]:
    if not Path(database).exists():
        raise ExpectationsError(f"no build database at {database}: run dbt build first")
    if not Path(raw_dir).is_dir():
        raise ExpectationsError(f"no raw data directory at {raw_dir}")
    spec = load_spec()
    codes = reference_codes()
    mostly = raw_mostly()
    models = mart_models()
    published = mart_tables(database)
    if not published:
        raise ExpectationsError(f"{database} has no tables in schema {MARTS_SCHEMA}: run dbt build first")

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module="great_expectations")
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True, exist_ok=True)
    context = _context(docs_dir.resolve())
    raw_source = context.data_sources.add_pandas("raw")
    mart_source = context.data_sources.add_pandas("marts")

    outcomes = []
    sample_rows, seed = int(spec.get("raw_sample_rows", 20000)), int(spec.get("raw_sample_seed", 42))
    for suite_spec in raw_suites(spec, codes, mostly):
        frame = raw_sample(Path(raw_dir), suite_spec.table, sample_rows, seed)
        outcomes.append(validate(context, raw_source, suite_spec, frame))
    for table in published:
        if table not in models:
            outcomes.append(Outcome(f"marts.{table}", 0, ["no YAML contract documents this mart"], 0))
            continue
        frame = mart_frame(database, table)
        outcomes.append(validate(context, mart_source, mart_suite(table, models[table], spec), frame))
    context.build_data_docs()
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m segmentation_tools.expectations",
        description="Validate raw samples and published marts with Great Expectations; write Data Docs.",
    )
    parser.add_argument("--database", type=Path, required=True, help="the dbt build database (DuckDB)")
    parser.add_argument("--raw-data-dir", type=Path, required=True, help="the raw data the build read")
    parser.add_argument("--docs-dir", type=Path, default=DEFAULT_DOCS_DIR, help=f"default {DEFAULT_DOCS_DIR}")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        outcomes = run(args.database, args.raw_data_dir, args.docs_dir)
    except (ExpectationsError, duckdb.Error, OSError) as exc:
        print(f"expectations: {exc}", file=sys.stderr)
        return 2
    failed = [o for o in outcomes if o.failures]
    for outcome in outcomes:
        status = "FAIL" if outcome.failures else "ok  "
        print(
            f"expectations: {status} {outcome.suite}: {outcome.evaluated} expectations "
            f"on {outcome.rows:,} rows"
        )
        for failure in outcome.failures:
            print(f"    - {failure}")
    total = sum(o.evaluated for o in outcomes)
    failures = sum(len(o.failures) for o in outcomes)
    print(
        f"expectations: {len(outcomes)} suites, {total} expectations, {failures} failed "
        f"({len(failed)} suites) in {time.perf_counter() - started:.1f}s; "
        f"Data Docs: {args.docs_dir / 'index.html'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
