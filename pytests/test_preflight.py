"""The preflight stops every whole-file fault before dbt runs, with one line naming the table and the problem
and exit code 2, never a stack trace; it accepts clean data and row-level faults."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from demo_data import Config, generate
from demo_data.faults import FILE_FAULT_KINDS, inject_file_fault
from segmentation_tools.preflight import EXIT_PROBLEMS, main, raw_family
from segmentation_tools.raw_contract import family

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# (kind, table, column) per whole-file fault; the wrong type is a DATE arriving as BOOLEAN
CASES = [
    ("missing_table", "deposit_accounts", None),
    ("empty_table_folder", "fx_rates", None),
    ("missing_column", "loans", "interest_rate"),
    ("wrong_type", "loans", "start_date"),
    ("wrong_type", "customers", "exec_is_vip"),
    ("wrong_type", "fees", "income_amount"),
    ("truncated_file", "deposit_balances", None),
    ("unreadable_file", "customers", None),
    ("inconsistent_part_types", "fees", "income_amount"),
    ("misnamed_part_file", "deposit_balances", None),
    ("non_parquet_file", "loans", None),
    ("extensionless_part_file", "fees", None),
    ("empty_table", "customers", None),
]


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preflight_clean")
    generate(Config(out=out, customers=40, months=1, seed=11, quiet=True))
    return out


def test_every_file_fault_kind_has_a_case():
    assert {kind for kind, _, _ in CASES} == set(FILE_FAULT_KINDS)


def test_clean_data_passes(clean, capsys):
    assert main(["--raw-data-dir", str(clean)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("preflight: OK") and out.err == ""


@pytest.mark.parametrize(("kind", "table", "column"), CASES)
def test_whole_file_fault_stops_with_one_line(clean, tmp_path, kind, table, column):
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    fault = inject_file_fault(raw, kind, table, column)
    result = subprocess.run(
        [sys.executable, "-m", "segmentation_tools.preflight", "--raw-data-dir", str(raw)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == EXIT_PROBLEMS
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"preflight: {table}: ")
    assert fault["expected_code"] in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_wrong_type_line_names_column_type_and_what_was_expected(clean, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    inject_file_fault(raw, "wrong_type", "loans", "start_date")
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == (
        "preflight: loans: column start_date is BOOLEAN, expected a date (DATE, TIMESTAMP or VARCHAR)"
    )


def test_missing_column_line_is_exact(clean, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    inject_file_fault(raw, "missing_column", "loans", "interest_rate")
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == "preflight: loans: missing column interest_rate"


def test_several_problems_give_one_line_each(clean, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    inject_file_fault(raw, "missing_table", "fees")
    inject_file_fault(raw, "truncated_file", "loans")
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("preflight: loans: part-00000.parquet is not a readable Parquet file")
    assert lines[1].startswith("preflight: fees: missing table folder")


def test_missing_directory(tmp_path, capsys):
    assert main(["--raw-data-dir", str(tmp_path / "nowhere")]) == EXIT_PROBLEMS
    assert "does not exist" in capsys.readouterr().err


def test_a_file_an_empty_folder_and_the_folder_above_the_extract_get_one_line(clean, tmp_path, capsys):
    """A part file, an empty folder, and the folder above the extract (tables one level down) passed as the
    raw data directory: one line each saying which, not a line per missing table (DECISIONLOG Q-017)."""
    part = next((clean / "customers").glob("*.parquet"))
    (tmp_path / "empty").mkdir()
    (tmp_path / "above").mkdir()
    (tmp_path / "above" / "extract").symlink_to(clean)
    expected = {
        part: "is a file, not a folder",
        tmp_path / "empty": "holds no table folder (empty, or not the top folder of the extract)",
        tmp_path / "above": f"the tables are in {tmp_path / 'above' / 'extract'}: pass that",
    }
    for raw_dir, cause in expected.items():
        assert main(["--raw-data-dir", str(raw_dir)]) == EXIT_PROBLEMS
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and cause in lines[0], (raw_dir, lines)


def test_text_in_numeric_date_and_boolean_columns_is_allowed():
    assert raw_family("VARCHAR") == "text"
    assert raw_family("DECIMAL(18,2)") == raw_family("BIGINT") == raw_family("DOUBLE") == "number"
    assert raw_family("TIMESTAMP") == raw_family("DATE") == "date"
    assert family("decimal(18, 2)") == family("integer") == "number"
    assert family("date") == "date"
    assert family("varchar") == "text"


def _rewrite(raw: Path, table: str, select: str, target: Path | None = None) -> None:
    """Rewrite a table's only part file as `select` over it (`t`), into `target` (default: the same file)."""
    part = raw / table / "part-00000.parquet"
    with duckdb.connect() as connection:
        connection.execute(f"create table t as select * from read_parquet('{part}')")
        connection.execute(f"copy ({select}) to '{target or part}' (format parquet)")


def test_a_subfolder_of_a_table_folder_is_named(clean, tmp_path, capsys):
    """A partitioned extract (`month=.../`) would be dropped by the build, which reads the folder's own files
    (DECISIONLOG Q-007)."""
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    (raw / "fees" / "month=2026-09").mkdir()
    _rewrite(raw, "fees", "select * from t", raw / "fees" / "month=2026-09" / "part-00000.parquet")
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == (
        f"preflight: fees: month=2026-09/ is a folder: only the Parquet files directly in {raw / 'fees'} are "
        "read (move its part files up, one folder per table)"
    )


def test_part_files_with_other_numeric_types_are_named(clean, tmp_path, capsys):
    """DuckDB reads every part with the first part's types: a DOUBLE part behind a DECIMAL(18,2) one would be
    rounded silently (Q-007)."""
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    _rewrite(
        raw,
        "fees",
        "select * replace (cast(income_amount as double) + 0.004 as income_amount) from t",
        raw / "fees" / "part-00001.parquet",
    )
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == (
        "preflight: fees: column income_amount has different types across part files "
        "(DECIMAL(18,2) in part-00000.parquet, DOUBLE in part-00001.parquet)"
    )


def test_a_date_with_a_time_zone_is_refused(clean, tmp_path, capsys):
    """Cast to a date in the session's time zone, a TIMESTAMP WITH TIME ZONE moves dates by a day (Q-007)."""
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    _rewrite(raw, "fees", "select * replace (cast(fee_date as timestamptz) as fee_date) from t")
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == (
        "preflight: fees: column fee_date is TIMESTAMP WITH TIME ZONE, expected a date (DATE, TIMESTAMP or "
        "VARCHAR)"
    )


def test_a_timestamp_with_a_time_of_day_is_refused(clean, tmp_path, capsys):
    """Beijing midnight written as a UTC timestamp is 16:00 the day before: the build would cut it to that day
    and move every balance a day back (DECISIONLOG Q-013). A TIMESTAMP at midnight is a date and passes."""
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    _rewrite(raw, "fees", "select * replace (cast(fee_date as timestamp) as fee_date) from t")
    assert main(["--raw-data-dir", str(raw)]) == 0
    capsys.readouterr()
    _rewrite(
        raw,
        "fees",
        "select * replace (case when fee_id = (select min(fee_id) from t) then fee_date - interval 8 hour "
        "else fee_date end as fee_date) from t",
    )
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == (
        "preflight: fees: column fee_date is a TIMESTAMP with a time of day on 1 row (in "
        "part-00000.parquet), expected dates at midnight: the build would cut the time off (export the date "
        "in the bank's time zone)"
    )


def test_files_the_build_would_not_read_are_refused_by_name_and_markers_ignored(clean, tmp_path, capsys):
    """The build reads `<table>/*.parquet`: a month saved as part-00001.PARQUET, a CSV file or a Hive-style
    part file without extension would be left out silently, and the reconciliation would still balance (its
    raw side reads the same files). Spark/Hadoop markers (_SUCCESS, .crc) hold no rows (DECISIONLOG Q-008)."""
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    _rewrite(raw, "fees", "select * from t", raw / "fees" / "part-00001.PARQUET")
    _rewrite(raw, "loans", "select * from t", raw / "loans" / "000000_0")
    (raw / "loans" / "loans.csv").write_text("loan_id\nL1\n", encoding="utf-8")
    for marker in ("_SUCCESS", ".part-00000.parquet.crc", "_committed_123"):
        (raw / "deposit_balances" / marker).write_text("", encoding="utf-8")
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip().splitlines() == [
        "preflight: loans: 000000_0 is a Parquet file without the .parquet extension, not read: rename it "
        "000000_0.parquet",
        "preflight: loans: loans.csv is not read: only Parquet files named *.parquet are; convert it to "
        "Parquet or move it out",
        "preflight: fees: part-00001.PARQUET is not read: only names ending in lower-case .parquet are; "
        "rename it part-00001.parquet",
    ]


def test_marker_files_are_ignored(clean, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    for marker in ("_SUCCESS", ".part-00000.parquet.crc"):
        (raw / "fees" / marker).write_text("", encoding="utf-8")
    assert main(["--raw-data-dir", str(raw)]) == 0
    assert "2 marker files ignored (fees/.part-00000.parquet.crc, fees/_SUCCESS)" in capsys.readouterr().out


def test_an_empty_table_is_named_unless_the_contract_allows_it(clean, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(clean, raw)
    for table in ("customers", "prospects"):  # prospects is may_be_empty in the sources YAML
        _rewrite(raw, table, "select * from t limit 0")
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    assert capsys.readouterr().err.strip() == (
        f"preflight: customers: no rows in {raw / 'customers'}: the table must not be empty (its part files "
        "hold no row)"
    )


@pytest.mark.parametrize("name", ["it's", "extract[1]", "month*", "part{1}"])
def test_a_raw_data_dir_with_quote_or_glob_characters_is_refused(clean, tmp_path, capsys, name):
    raw = tmp_path / name
    shutil.copytree(clean, raw)
    assert main(["--raw-data-dir", str(raw)]) == EXIT_PROBLEMS
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "cannot take (quote or glob characters)" in err, err
