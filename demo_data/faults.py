"""Seeded fault injection (issue 7, SPEC 6 and 8 "Bad input"): corrupt a clean generated dataset and write a
manifest of every injected fault, so that a test can prove the pipeline catches each one.

Two families:

* **Row-level faults** (`inject_row_faults`): rows are changed in place or added to the first part file
  of a table (``part-00000.parquet``). The build must finish; every fault must end in
  ``stg_bank__rejections`` with the expected reason code, or be kept and flagged/repaired by a documented
  staging rule. Each manifest row names the table, the staging ``row_key`` (key columns joined with ``|``,
  ``<null>`` for a null key), the kind, the expected outcome and code, and how many rows with that key
  must carry it (a key conflict rejects both copies). Rejecting a parent rejects its children
  (``PARENT_REJECTED``): those rows are listed too, with ``caused_by``. "Strings in numeric columns"
  rewrites the column as VARCHAR in *every* part file of the table (a Parquet column has one type per
  file, and a table whose part files disagree is stopped by the preflight, DECISIONLOG Q-002).
* **Whole-file faults** (`inject_file_fault`): a missing table folder, an empty folder, a missing column,
  a wrong column type, a truncated or unreadable Parquet file, part files with different types, a part file
  the build would not read by its name (``part-00001.PARQUET``, a ``.csv`` file, a Hive-style name without
  extension; DECISIONLOG Q-008), a table without rows. These must stop the run before dbt with one clear line
  from ``python -m segmentation_tools.preflight``, and the build itself before any model (macro
  validate_build_inputs); the manifest row's ``expected_code`` is a fragment of the preflight line.
  Spark/Hadoop marker files (``_SUCCESS``, ``.crc``) written beside a misnamed part file are ignored.

The manifest is ``<out>/_faults/manifest.parquet`` plus a CSV copy (outside every table folder, so the dbt
sources never read it). Same dataset + same seed -> the same faults, byte for byte.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from segmentation_tools.raw_contract import CONTRACT as RAW_CONTRACT

from .contract import CONTRACT, TABLES
from .plan import rng_for
from .uscc import USCC_CHARSET
from .writer import ROW_GROUP_SIZE, WRITE_OPTIONS, part_path

FAULTS_DIR = "_faults"
MANIFEST_PARQUET = "manifest.parquet"
MANIFEST_CSV = "manifest.csv"
STREAM_FAULTS = 6  # after the generator's streams (plan.STREAM_*)

# Expected outcomes of a fault.
REJECTED = "REJECTED"  # in stg_bank__rejections with expected_code as reason_code
FLAGGED = (
    "FLAGGED"  # kept; expected_code is in the base model's data_quality_flags, the value treated as missing
)
REPAIRED = "REPAIRED"  # kept with the code cleaned (trim, full-width -> half-width, upper case) and flagged
IGNORED = "IGNORED"  # kept and ignored by a documented rule (unknown customer tags, SPEC 3 and 8)
ACCEPTED = "ACCEPTED"  # not a fault: a valid value at the edge of the contract, kept unchanged and unflagged
STOPPED = "STOPPED"  # whole-file fault: the preflight stops the run; expected_code is part of its message

FILE_FAULT_KINDS = (
    "missing_table",
    "empty_table_folder",
    "missing_column",
    "wrong_type",
    "truncated_file",
    "unreadable_file",
    "inconsistent_part_types",
    "misnamed_part_file",
    "non_parquet_file",
    "extensionless_part_file",
    "empty_table",
)

MANIFEST_SCHEMA = pa.schema(
    [
        pa.field("fault_id", pa.int32()),
        pa.field("table_name", pa.string()),
        pa.field("row_key", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("column_name", pa.string()),
        pa.field("expected_outcome", pa.string()),
        pa.field("expected_code", pa.string()),
        pa.field("expected_rows", pa.int32()),
        pa.field("caused_by", pa.int32()),
        pa.field("description", pa.string()),
    ]
)

# Codes that staging cleans (clean_code macro): such key columns are cleaned before the row key is built.
_CODE_KEY_COLUMNS = {
    "customer_tags": {"tag"},
    "strategic_list": {"entity_type", "entity_id"},
    "cost_pools": {"branch_code", "pool_code"},
    "fx_rates": {"currency"},
}
_FULL_WIDTH = {chr(0xFF01 + i): chr(0x21 + i) for i in range(94)} | {"\u3000": " "}

# Dates beyond the head-office data-quality range (policy earliest_valid_date 1990-01-01, latest 2099-12-31).
DATE_AFTER_RANGE = dt.date(2100, 3, 31)
DATE_BEFORE_RANGE = dt.date(1989, 12, 29)


def clean_code(value: str | None) -> str | None:
    """Python mirror of the staging macro ``clean_code``: full-width -> half-width, trim, upper case."""
    if value is None:
        return None
    return "".join(_FULL_WIDTH.get(ch, ch) for ch in value).strip().upper()


def to_full_width(value: str) -> str:
    """ASCII letters, digits and punctuation as full-width (全角) characters."""
    return "".join(chr(ord(ch) - 0x21 + 0xFF01) if "!" <= ch <= "~" else ch for ch in value)


def row_key(table: str, row: dict) -> str:
    """The staging row key of a raw row: primary-key values joined with '|'; '<null>' when any is null."""
    parts = []
    for column in CONTRACT[table]["primary_key"]:
        value = row.get(column)
        if value is None:
            return "<null>"
        if isinstance(value, dt.date):
            text = value.isoformat()
        elif column in _CODE_KEY_COLUMNS.get(table, ()):
            text = clean_code(str(value))
        else:
            text = str(value).strip()
        parts.append(text)
    return "|".join(parts)


def manifest_path(out: Path) -> Path:
    return Path(out) / FAULTS_DIR / MANIFEST_PARQUET


def read_manifest(out: Path) -> list[dict]:
    path = manifest_path(out)
    return pq.read_table(path).to_pylist() if path.exists() else []


def clear_manifest(out: Path) -> None:
    """Remove a stale fault manifest (a clean regeneration must not carry one)."""
    shutil.rmtree(Path(out) / FAULTS_DIR, ignore_errors=True)


def write_parquet(path: Path, table: pa.Table) -> None:
    """Write a part file with the generator's deterministic options, atomically (temp file + rename)."""
    strings = [f.name for f in table.schema if pa.types.is_string(f.type)]
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(
        table, str(tmp), use_dictionary=strings or False, row_group_size=ROW_GROUP_SIZE, **WRITE_OPTIONS
    )
    os.replace(tmp, path)


def _write_manifest(out: Path, rows: list[dict]) -> None:
    folder = Path(out) / FAULTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    ordered = sorted(rows, key=lambda r: r["fault_id"])
    table = pa.Table.from_pylist(ordered, schema=MANIFEST_SCHEMA)
    write_parquet(folder / MANIFEST_PARQUET, table)
    with open(folder / MANIFEST_CSV, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=MANIFEST_SCHEMA.names, lineterminator="\n")
        writer.writeheader()
        for row in ordered:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})


def _append_manifest(out: Path, rows: list[dict]) -> list[dict]:
    existing = read_manifest(out)
    next_id = max((r["fault_id"] for r in existing), default=0) + 1
    for offset, row in enumerate(rows):
        row["fault_id"] = next_id + offset
        if row.get("caused_by") is not None and row["caused_by"] < 0:  # relative reference inside `rows`
            row["caused_by"] = next_id + (-row["caused_by"] - 1)
    _write_manifest(out, existing + rows)
    return rows


def _parts(out: Path, table: str) -> list[Path]:
    return sorted((Path(out) / table).glob("*.parquet"))


# ----------------------------------------------------------------------------------------------------------
# Row-level faults
# ----------------------------------------------------------------------------------------------------------


@dataclass
class _Injector:
    """Holds part 0 of each touched table in memory, the rows already used, and the manifest being built."""

    out: Path
    rng: np.random.Generator
    tables: dict[str, pa.Table] = field(default_factory=dict)
    used: dict[str, set[int]] = field(default_factory=dict)
    tainted_parents: dict[str, set[str]] = field(
        default_factory=dict
    )  # parent keys whose children are spoken for
    stringified: dict[tuple[str, str], dict[int, str]] = field(default_factory=dict)
    doubled: set[tuple[str, str]] = field(default_factory=set)  # columns written as DOUBLE in every part
    reserved_ids: set[str] = field(default_factory=set)  # identifiers handed out for new or orphan rows
    manifest: list[dict] = field(default_factory=list)
    con: duckdb.DuckDBPyConnection | None = None

    # ---- reading and writing ----------------------------------------------------------------------------

    def table(self, name: str) -> pa.Table:
        if name not in self.tables:
            path = part_path(self.out, name, 0)
            if not path.exists():
                raise ValueError(f"{name}: no part-00000.parquet under {self.out}; generate the data first")
            self.tables[name] = pq.read_table(path)
            self.used[name] = set()
        return self.tables[name]

    def connection(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            self.con = duckdb.connect()
            self.con.execute("set enable_progress_bar = false")
        return self.con

    def query(self, name: str, sql: str, params: list | None = None) -> list[tuple]:
        """Run ``sql`` over part 0 of ``name`` (as relation ``t`` with a ``_row`` index column)."""
        data = self.table(name)
        indexed = data.append_column("_row", pa.array(np.arange(data.num_rows, dtype=np.int64)))
        con = self.connection()
        con.register("t", indexed)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.unregister("t")

    def all_parts_query(self, name: str, sql: str, params: list | None = None) -> list[tuple]:
        """Run ``sql`` over every part file of ``name`` as relation ``t`` (as written on disk)."""
        pattern = str(Path(self.out) / name / "*.parquet").replace("'", "''")
        con = self.connection()
        con.execute(f"create or replace temp view t as select * from read_parquet('{pattern}')")
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.execute("drop view t")

    def query_join(self, name: str, sql: str) -> set:
        """The first column of ``sql`` over every part file of ``name``, as a set."""
        return {r[0] for r in self.all_parts_query(name, sql)}

    def row(self, name: str, index: int) -> dict:
        return self.table(name).slice(index, 1).to_pylist()[0]

    def set_values(self, name: str, index: int, **values) -> None:
        data = self.table(name)
        for column, value in values.items():
            position = data.schema.get_field_index(column)
            current = data.column(column).combine_chunks()
            replaced = pa.concat_arrays(
                [current.slice(0, index), pa.array([value], type=current.type), current.slice(index + 1)]
            )
            data = data.set_column(position, data.schema.field(position), replaced)
        self.tables[name] = data
        self.used[name].add(index)

    def as_double(self, name: str, column: str) -> None:
        """Type ``column`` of ``name`` DOUBLE: part 0 now (a fault may hold 2.5), other parts at flush."""
        data = self.table(name)
        position = data.schema.get_field_index(column)
        values = pc.cast(data.column(column), pa.float64())
        self.tables[name] = data.set_column(position, pa.field(column, pa.float64()), values)
        self.doubled.add((name, column))

    def append(self, name: str, row: dict) -> int:
        data = self.table(name)
        added = pa.Table.from_pylist([row], schema=data.schema)
        self.tables[name] = pa.concat_tables([data, added]).combine_chunks()
        index = self.tables[name].num_rows - 1
        self.used[name].add(index)
        return index

    def pick(self, name: str, where: str = "true", params: list | None = None) -> int:
        """A random unused row of part 0 of ``name`` matching ``where``, marked as used (deterministic:
        candidates are sorted by the primary key)."""
        keys = ", ".join(CONTRACT[name]["primary_key"])
        rows = self.query(name, f"select _row from t where {where} order by {keys}, _row", params)
        candidates = [r[0] for r in rows if r[0] not in self.used[name]]
        if not candidates:
            raise ValueError(f"{name}: no unused row matches the fault target condition: {where}")
        index = int(candidates[int(self.rng.integers(len(candidates)))])
        self.used[name].add(index)
        return index

    def clean_parent(
        self, name: str, where: str = "true", child: str | None = None, only: set[str] | None = None
    ) -> tuple[int, str]:
        """An unused row of parent table ``name`` (loans or deposit_accounts) whose key no other fault has
        claimed, optionally with at least one row in part 0 of ``child``; its key is claimed, so faults on
        its children never meet."""
        key = CONTRACT[name]["primary_key"][0]
        claimed = self.tainted_parents.setdefault(name, set())
        with_children = None
        if child is not None:
            with_children = {r[0] for r in self.query(child, f"select distinct {key} from t")}
        rows = self.query(name, f"select _row, {key} from t where {where} order by {key}, _row")
        candidates = [
            (index, value)
            for index, value in rows
            if index not in self.used[name]
            and value not in claimed
            and (with_children is None or value in with_children)
            and (only is None or value in only)
        ]
        if not candidates:
            raise ValueError(f"{name}: no unclaimed row matches the fault target condition: {where}")
        index, value = candidates[int(self.rng.integers(len(candidates)))]
        self.used[name].add(int(index))
        claimed.add(value)
        return int(index), value

    def new_id(self, name: str, column: str) -> str:
        """A new identifier in the format of ``name``.``column`` (same prefix and width, counting down from
        the largest), in no part file of the table and not handed out before."""
        template = self.table(name).column(column).drop_null()[0].as_py()
        prefix, width = template[0], len(template) - 1
        taken = {r[0] for r in self.all_parts_query(name, f"select distinct {column} from t")}
        taken |= set(self.table(name).column(column).drop_null().to_pylist()) | self.reserved_ids
        number = 10**width - 1
        while f"{prefix}{number:0{width}d}" in taken:
            number -= 1
        self.reserved_ids.add(f"{prefix}{number:0{width}d}")
        return f"{prefix}{number:0{width}d}"

    def record(
        self,
        table: str,
        key: str,
        kind: str,
        outcome: str,
        code: str | None,
        description: str,
        rows: int = 1,
        column: str | None = None,
        caused_by: int | None = None,
    ) -> int:
        fault_id = len(self.manifest) + 1
        self.manifest.append(
            {
                "fault_id": fault_id,
                "table_name": table,
                "row_key": key,
                "kind": kind,
                "column_name": column,
                "expected_outcome": outcome,
                "expected_code": code,
                "expected_rows": rows,
                "caused_by": caused_by,
                "description": description,
            }
        )
        return fault_id

    def flush(self) -> None:
        """Write every touched part 0 (and stringify columns in every part of their table)."""
        stringified_tables = {table for table, _ in self.stringified}
        for name, data in self.tables.items():
            if name in stringified_tables:
                continue
            write_parquet(part_path(self.out, name, 0), data)
        for name in sorted(stringified_tables):
            columns = {column: bad for (table, column), bad in self.stringified.items() if table == name}
            for path in _parts(self.out, name):
                is_first = path.name == part_path(self.out, name, 0).name
                data = self.tables[name] if is_first else pq.read_table(path)
                for column, bad_values in columns.items():
                    position = data.schema.get_field_index(column)
                    text = _exact_text(data.column(column).combine_chunks())
                    if is_first and bad_values:
                        values = text.to_pylist()
                        for index, bad in bad_values.items():
                            values[index] = bad
                        text = pa.array(values, type=pa.string())
                    data = data.set_column(position, pa.field(column, pa.string()), text)
                write_parquet(path, data)
        for name, column in sorted(self.doubled):
            for path in _parts(self.out, name)[1:]:
                data = pq.read_table(path)
                position = data.schema.get_field_index(column)
                values = pc.cast(data.column(column), pa.float64())
                write_parquet(path, data.set_column(position, pa.field(column, pa.float64()), values))

    # ---- period of the data -----------------------------------------------------------------------------

    def period(self) -> tuple[dt.date, dt.date]:
        first, last = self.all_parts_query(
            "deposit_balances", "select min(balance_date), max(balance_date) from t"
        )[0]
        if first is None:
            raise ValueError("deposit_balances is empty: cannot place date faults")
        return first, last


def _exact_text(values: pa.Array) -> pa.Array:
    """Numbers as exact text ('1234.50', '12'), so clean rows still cast back to the same value."""
    return pc.cast(values, pa.string())


def _money(value: str) -> Decimal:
    return Decimal(value).quantize(Decimal("0.01"))


def _faults_keys_and_duplicates(f: _Injector) -> None:
    # null keys: a copy of a clean row with its key blanked
    for table, column in (
        ("customers", "customer_id"),
        ("loans", "loan_id"),
        ("deposit_balances", "account_id"),
    ):
        source = f.row(table, f.pick(table))
        f.append(table, dict(source, **{column: None}))
        f.record(table, "<null>", "null_key", REJECTED, "NULL_KEY", f"{column} is null", column=column)

    # exact duplicate rows: the first copy is kept, the repeat is DUPLICATE (D-004)
    for table in ("customers", "loan_balances"):
        source = f.row(table, f.pick(table))
        f.append(table, dict(source))
        f.record(
            table, row_key(table, source), "exact_duplicate", REJECTED, "DUPLICATE", "exact copy of a row"
        )

    # duplicate keys with different content: every copy is DUPLICATE_KEY_CONFLICT (D-004)
    source = f.row("fees", f.pick("fees"))
    f.append("fees", dict(source, income_amount=source["income_amount"] + Decimal("1.00")))
    f.record(
        "fees",
        row_key("fees", source),
        "duplicate_key_conflict",
        REJECTED,
        "DUPLICATE_KEY_CONFLICT",
        "second row with the same fee_id and income_amount + 1.00 (both copies rejected)",
        rows=2,
    )

    # ... also on a parent: the account's balances and activity become PARENT_REJECTED (D-005). An account
    # with few balance rows keeps the cascade small.
    few = f.query_join(
        "deposit_balances",
        "select account_id from t group by account_id having count(*) between 1 and 60",
    )
    index, account_id = f.clean_parent("deposit_accounts", child="deposit_balances", only=few or None)
    source = f.row("deposit_accounts", index)
    f.append("deposit_accounts", dict(source, interest_rate=source["interest_rate"] + Decimal("0.000100")))
    cause = f.record(
        "deposit_accounts",
        account_id,
        "duplicate_key_conflict",
        REJECTED,
        "DUPLICATE_KEY_CONFLICT",
        "second row with the same account_id and interest_rate + 0.0001 (both copies rejected)",
        rows=2,
    )
    for child, date_column in (("deposit_balances", "balance_date"), ("account_activity", "activity_month")):
        for (day,) in f.all_parts_query(
            child, f"select {date_column} from t where account_id = ? order by 1", [account_id]
        ):
            f.record(
                child,
                f"{account_id}|{day.isoformat()}",
                "parent_rejected",
                REJECTED,
                "PARENT_REJECTED",
                "row of an account whose rows are a key conflict",
                caused_by=cause,
            )


def _faults_orphans(f: _Injector, first: dt.date, last: dt.date) -> None:
    day = first + dt.timedelta(days=int(f.rng.integers((last - first).days + 1)))
    account_id = f.new_id("deposit_accounts", "account_id")
    f.append(
        "deposit_balances", {"account_id": account_id, "balance_date": day, "balance": Decimal("1000.00")}
    )
    f.record(
        "deposit_balances",
        f"{account_id}|{day.isoformat()}",
        "orphan_balance",
        REJECTED,
        "ORPHAN_ACCOUNT",
        "balance of an account that is not in deposit_accounts",
    )
    loan_id = f.new_id("loans", "loan_id")
    f.append(
        "loan_balances",
        {
            "loan_id": loan_id,
            "balance_date": day,
            "balance": Decimal("50000.00"),
            "five_level_class": "NORMAL",
        },
    )
    f.record(
        "loan_balances",
        f"{loan_id}|{day.isoformat()}",
        "orphan_balance",
        REJECTED,
        "ORPHAN_LOAN",
        "balance of a loan that is not in loans",
    )

    unknown_customer = f.new_id("customers", "customer_id")
    source = f.row("deposit_accounts", f.pick("deposit_accounts"))
    new_account = f.new_id("deposit_accounts", "account_id")
    f.append("deposit_accounts", dict(source, account_id=new_account, customer_id=unknown_customer))
    f.record(
        "deposit_accounts",
        new_account,
        "orphan_account",
        REJECTED,
        "ORPHAN_CUSTOMER",
        f"account of customer {unknown_customer}, who is not in customers",
    )
    source = f.row("fees", f.pick("fees"))
    fee_id = f.new_id("fees", "fee_id")
    f.append("fees", dict(source, fee_id=fee_id, customer_id=unknown_customer))
    f.record(
        "fees",
        fee_id,
        "orphan_fee",
        REJECTED,
        "ORPHAN_CUSTOMER",
        f"fee of customer {unknown_customer}, who is not in customers",
    )
    f.append("customer_tags", {"customer_id": unknown_customer, "tag": "INTERNET"})
    f.record(
        "customer_tags",
        f"{unknown_customer}|INTERNET",
        "orphan_tag",
        REJECTED,
        "ORPHAN_CUSTOMER",
        f"tag of customer {unknown_customer}, who is not in customers",
    )


def _new_loan(f: _Injector, description: str, kind: str, code: str, **changes) -> None:
    """A new loan row (copy of a clean loan with a new loan_id) carrying one fault; it has no balances."""
    source = f.row("loans", f.pick("loans"))
    loan_id = f.new_id("loans", "loan_id")
    f.append("loans", dict(source, loan_id=loan_id, **changes))
    f.record("loans", loan_id, kind, REJECTED, code, description)


def _new_account(
    f: _Injector, description: str, kind: str, code: str, where: str = "true", **changes
) -> None:
    """A new deposit account (copy of a clean one with a new account_id) carrying one fault; no balances."""
    source = f.row("deposit_accounts", f.pick("deposit_accounts", where))
    account_id = f.new_id("deposit_accounts", "account_id")
    f.append("deposit_accounts", dict(source, account_id=account_id, **changes))
    f.record("deposit_accounts", account_id, kind, REJECTED, code, description)


def _faults_amounts_and_rates(f: _Injector) -> None:
    _, loan_id = f.clean_parent("loans", child="loan_balances")
    index = f.pick("loan_balances", "loan_id = ?", [loan_id])
    source = f.row("loan_balances", index)
    f.set_values("loan_balances", index, balance=-abs(source["balance"]) - Decimal("100.00"))
    f.record(
        "loan_balances",
        row_key("loan_balances", source),
        "negative_balance",
        REJECTED,
        "NEGATIVE_AMOUNT",
        "balance made negative",
        column="balance",
    )

    index = f.pick("fees")
    source = f.row("fees", index)
    f.set_values("fees", index, expense_amount=Decimal("-50.00"))
    f.record(
        "fees",
        row_key("fees", source),
        "negative_amount",
        REJECTED,
        "NEGATIVE_AMOUNT",
        "expense_amount -50.00",
        column="expense_amount",
    )

    # one value changed in a clean row of a parent's child table
    for parent, child, key, column, value, kind, code, description in (
        ("deposit_accounts", "deposit_balances", "account_id", "balance", _money("5000000000000"),
         "absurd_amount", "ABSURD_AMOUNT",
         "balance 5,000,000,000,000 (above absurd_amount_cny 1e12 in any currency)"),
        ("loans", "loan_balances", "loan_id", "balance", None,
         "missing_amount", "MISSING_AMOUNT", "balance null"),
        ("deposit_accounts", "account_activity", "account_id", "txn_count", 2_000_000_000,
         "absurd_amount", "ABSURD_AMOUNT",
         "txn_count 2,000,000,000 in a month (above absurd_txn_count 1,000,000)"),
    ):  # fmt: skip
        _, parent_id = f.clean_parent(parent, child=child)
        index = f.pick(child, f"{key} = ?", [parent_id])
        source = f.row(child, index)
        f.set_values(child, index, **{column: value})
        f.record(child, row_key(child, source), kind, REJECTED, code, description, column=column)

    _new_loan(
        f,
        "principal 5,000,000,000,000",
        "absurd_amount",
        "ABSURD_AMOUNT",
        principal_amount=_money("5000000000000"),
    )
    _new_loan(
        f,
        "interest_rate 1.085 (above 1)",
        "rate_out_of_range",
        "RATE_OUT_OF_RANGE",
        interest_rate=Decimal("1.085000"),
    )
    _new_account(
        f,
        "interest_rate -0.0035 (below 0)",
        "rate_out_of_range",
        "RATE_OUT_OF_RANGE",
        interest_rate=Decimal("-0.003500"),
    )
    curve_date = f.query("ftp_curve", "select max(curve_date) from t")[0][0]
    f.append("ftp_curve", {"curve_date": curve_date, "term_months": 999, "ftp_rate": Decimal("1.500000")})
    f.record(
        "ftp_curve",
        f"{curve_date.isoformat()}|999",
        "rate_out_of_range",
        REJECTED,
        "RATE_OUT_OF_RANGE",
        "ftp_rate 1.5 on an extra curve term",
    )
    # a curve quoting two terms only, mid-month: every point goes with it and the last full curve stays
    lone_date = curve_date + dt.timedelta(days=14)
    for term_months, ftp_rate in ((1, Decimal("0.015000")), (12, Decimal("0.021000"))):
        f.append("ftp_curve", {"curve_date": lone_date, "term_months": term_months, "ftp_rate": ftp_rate})
        f.record(
            "ftp_curve",
            f"{lone_date.isoformat()}|{term_months}",
            "incomplete_curve",
            REJECTED,
            "INCOMPLETE_CURVE",
            "a curve date quoting 1 and 12 months only (the seed ftp_curve_terms asks for 8 terms)",
        )


def _faults_codes(f: _Injector) -> None:
    _new_loan(
        f,
        "product_code CROWDFUNDING",
        "unknown_product_code",
        "UNKNOWN_PRODUCT_CODE",
        product_code="CROWDFUNDING",
    )
    _new_loan(
        f,
        "currency RMB (not an ISO 4217 code: the yuan is CNY)",
        "unknown_currency",
        "UNKNOWN_CURRENCY",
        currency="RMB",
    )
    _new_account(
        f, "account_type ESCROW", "unknown_account_type", "UNKNOWN_ACCOUNT_TYPE", account_type="ESCROW"
    )

    index = f.pick("fees")
    source = f.row("fees", index)
    f.set_values("fees", index, currency="XYZ")
    f.record(
        "fees",
        row_key("fees", source),
        "unknown_currency",
        REJECTED,
        "UNKNOWN_CURRENCY",
        "currency XYZ (not an ISO 4217 code)",
        column="currency",
    )
    index = f.pick("fees")
    source = f.row("fees", index)
    f.set_values("fees", index, fee_type="COMMISSION")
    f.record(
        "fees",
        row_key("fees", source),
        "unknown_fee_type",
        REJECTED,
        "UNKNOWN_FEE_TYPE",
        "fee_type COMMISSION",
        column="fee_type",
    )

    _, loan_id = f.clean_parent("loans", child="loan_balances")
    index = f.pick("loan_balances", "loan_id = ?", [loan_id])
    source = f.row("loan_balances", index)
    f.set_values("loan_balances", index, five_level_class="WATCH")
    f.record(
        "loan_balances",
        row_key("loan_balances", source),
        "unknown_five_level_class",
        REJECTED,
        "UNKNOWN_FIVE_LEVEL_CLASS",
        "five_level_class WATCH",
        column="five_level_class",
    )

    source = dict(f.row("cost_pools", f.pick("cost_pools")), pool_code="MARKETING")
    f.append("cost_pools", source)
    f.record(
        "cost_pools",
        row_key("cost_pools", source),
        "unknown_pool_code",
        REJECTED,
        "UNKNOWN_POOL_CODE",
        "pool_code MARKETING",
    )

    customer_id = f.row("customers", f.pick("customers"))["customer_id"]
    f.append("customer_tags", {"customer_id": customer_id, "tag": "BLOCKCHAIN"})
    f.record(
        "customer_tags",
        f"{customer_id}|BLOCKCHAIN",
        "unknown_tag",
        IGNORED,
        None,
        "tag BLOCKCHAIN: unknown tags are allowed and ignored (SPEC 3 and 8)",
    )


def _faults_parties(f: _Injector) -> None:
    """Bad party attributes: the party is kept, the value treated as missing and flagged (D-006)."""
    index = f.pick("customers")
    source = f.row("customers", index)
    f.set_values("customers", index, org_type="COOP")
    f.record(
        "customers",
        source["customer_id"],
        "unknown_org_type",
        FLAGGED,
        "UNKNOWN_ORG_TYPE",
        "org_type COOP",
        column="org_type",
    )

    index = f.pick("customers", "admin_level is not null")
    source = f.row("customers", index)
    f.set_values("customers", index, admin_level="TOWNSHIP")
    f.record(
        "customers",
        source["customer_id"],
        "unknown_admin_level",
        FLAGGED,
        "UNKNOWN_ADMIN_LEVEL",
        "admin_level TOWNSHIP",
        column="admin_level",
    )

    for table, id_column in (("customers", "customer_id"), ("prospects", "prospect_id")):
        index = f.pick(table, "uscc is not null")
        source = f.row(table, index)
        code = source["uscc"].upper()
        shift = 1 + int(f.rng.integers(len(USCC_CHARSET) - 1))
        wrong = USCC_CHARSET[(USCC_CHARSET.index(code[17]) + shift) % len(USCC_CHARSET)]
        f.set_values(table, index, uscc=code[:17] + wrong)
        f.record(
            table,
            source[id_column],
            "invalid_uscc",
            FLAGGED,
            "INVALID_USCC",
            "18th character (GB 32100 check character) changed",
            column="uscc",
        )

    for column, value, code, description in (
        ("annual_sales_cny", _money("-1000000"), "BAD_ANNUAL_SALES", "annual_sales_cny -1,000,000"),
        (
            "total_assets_cny",
            _money("2000000000000"),
            "BAD_TOTAL_ASSETS",
            "total_assets_cny 2,000,000,000,000 (absurd)",
        ),
        (
            "relationship_start_date",
            dt.date(1800, 1, 1),
            "BAD_RELATIONSHIP_START_DATE",
            "relationship_start_date 1800-01-01 (before earliest_valid_date)",
        ),
    ):
        index = f.pick("customers", f"{column} is not null")
        source = f.row("customers", index)
        f.set_values("customers", index, **{column: value})
        f.record(
            "customers",
            source["customer_id"],
            "bad_party_attribute",
            FLAGGED,
            code,
            description,
            column=column,
        )

    index = f.pick("prospects", "market_influence_score is not null")
    source = f.row("prospects", index)
    f.set_values("prospects", index, market_influence_score=Decimal("150.00"))
    f.record(
        "prospects",
        source["prospect_id"],
        "score_out_of_range",
        FLAGGED,
        "SCORE_OUT_OF_RANGE",
        "market_influence_score 150",
        column="market_influence_score",
    )
    index = f.pick("prospects")
    source = f.row("prospects", index)
    f.set_values("prospects", index, lifecycle_stage="SCALE_UP")
    f.record(
        "prospects",
        source["prospect_id"],
        "unknown_lifecycle_stage",
        FLAGGED,
        "UNKNOWN_LIFECYCLE_STAGE",
        "lifecycle_stage SCALE_UP",
        column="lifecycle_stage",
    )


def _faults_dates_and_reference_data(f: _Injector, first: dt.date, last: dt.date) -> None:
    # missing FX: a USD fee dated before the first FX rate (rates only carry forward, D-009)
    first_fx = f.all_parts_query("fx_rates", "select min(rate_date) from t")[0][0]
    source = f.row("fees", f.pick("fees"))
    fee_id = f.new_id("fees", "fee_id")
    fee_date = max(first_fx - dt.timedelta(days=400), dt.date(1990, 1, 2))
    f.append("fees", dict(source, fee_id=fee_id, currency="USD", fee_date=fee_date))
    f.record(
        "fees",
        fee_id,
        "missing_fx",
        REJECTED,
        "MISSING_FX",
        f"USD fee dated {fee_date.isoformat()}, before the first fx_rates row {first_fx.isoformat()}",
    )

    # missing FTP: a loan starting before the first FTP curve (D-010)
    first_curve = f.all_parts_query("ftp_curve", "select min(curve_date) from t")[0][0]
    start = first_curve - dt.timedelta(days=200)
    _new_loan(
        f,
        f"start_date {start.isoformat()}, before the first FTP curve {first_curve.isoformat()}",
        "missing_ftp",
        "MISSING_FTP",
        start_date=start,
        maturity_date=last + dt.timedelta(days=365),
    )

    _new_loan(
        f,
        "maturity_date 30 days before start_date",
        "maturity_before_start",
        "INVALID_DATE_RANGE",
        start_date=first,
        maturity_date=first - dt.timedelta(days=30),
    )

    # balance dates outside the head-office data-quality range
    _, loan_id = f.clean_parent("loans")
    f.append(
        "loan_balances",
        {
            "loan_id": loan_id,
            "balance_date": DATE_AFTER_RANGE,
            "balance": Decimal("1000.00"),
            "five_level_class": "NORMAL",
        },
    )
    f.record(
        "loan_balances",
        f"{loan_id}|{DATE_AFTER_RANGE.isoformat()}",
        "date_out_of_range",
        REJECTED,
        "DATE_OUT_OF_RANGE",
        "balance dated after latest_valid_date (2099-12-31)",
    )
    _, account_id = f.clean_parent("deposit_accounts", "close_date is null")
    f.append(
        "deposit_balances",
        {"account_id": account_id, "balance_date": DATE_BEFORE_RANGE, "balance": Decimal("1000.00")},
    )
    f.record(
        "deposit_balances",
        f"{account_id}|{DATE_BEFORE_RANGE.isoformat()}",
        "date_out_of_range",
        REJECTED,
        "DATE_OUT_OF_RANGE",
        "balance dated before earliest_valid_date (1990-01-01)",
    )
    # ... and a rate and a cost pool (a stray date there would stretch the data's dates and fool freshness)
    rate = {"rate_date": DATE_AFTER_RANGE, "currency": "USD", "cny_per_unit": Decimal("7.10000000")}
    pool = dict(f.row("cost_pools", f.pick("cost_pools")), cost_month=DATE_BEFORE_RANGE.replace(day=1))
    for table, row in (("fx_rates", rate), ("cost_pools", pool)):
        f.append(table, row)
        f.record(
            table,
            row_key(table, row),
            "date_out_of_range",
            REJECTED,
            "DATE_OUT_OF_RANGE",
            "dated outside earliest_valid_date .. latest_valid_date (1990-01-01 .. 2099-12-31)",
        )

    # a closed account with a later balance (close_date is exclusive: a balance on it is already outside)
    index, account_id = f.clean_parent(
        "deposit_accounts",
        f"close_date > date '{first.isoformat()}' and close_date <= date '{last.isoformat()}'",
    )
    close_date = f.row("deposit_accounts", index)["close_date"]
    later = min(close_date + dt.timedelta(days=int(f.rng.integers(0, 20))), last)
    f.append(
        "deposit_balances", {"account_id": account_id, "balance_date": later, "balance": Decimal("1000.00")}
    )
    f.record(
        "deposit_balances",
        f"{account_id}|{later.isoformat()}",
        "balance_after_close",
        REJECTED,
        "OUTSIDE_ACCOUNT_LIFE",
        f"balance dated {later.isoformat()}, account closed {close_date.isoformat()}",
    )

    # a loan balance dated the day before the loan starts
    index, loan_id = f.clean_parent("loans", f"start_date > date '{first.isoformat()}'")
    start_date = f.row("loans", index)["start_date"]
    earlier = start_date - dt.timedelta(days=1)
    f.append(
        "loan_balances",
        {
            "loan_id": loan_id,
            "balance_date": earlier,
            "balance": Decimal("1000.00"),
            "five_level_class": "NORMAL",
        },
    )
    f.record(
        "loan_balances",
        f"{loan_id}|{earlier.isoformat()}",
        "balance_before_loan_start",
        REJECTED,
        "OUTSIDE_LOAN_LIFE",
        f"balance dated {earlier.isoformat()}, loan starts {start_date.isoformat()}",
    )

    # a strategic-list entry ending before it starts
    listed = {r[0] for r in f.query("strategic_list", "select entity_id from t")}
    customers = [
        r[0]
        for r in f.query("customers", "select customer_id from t where customer_id is not null order by 1")
        if r[0] not in listed
    ]
    customer_id = customers[int(f.rng.integers(len(customers)))]
    effective_from = dt.date(last.year, 1, 1)
    entry = {
        "entity_type": "CUSTOMER",
        "entity_id": customer_id,
        "entity_name": "故障注入测试客户",
        "effective_from": effective_from,
        "effective_to": effective_from - dt.timedelta(days=1),
    }
    f.append("strategic_list", entry)
    f.record(
        "strategic_list",
        row_key("strategic_list", entry),
        "effective_to_before_from",
        REJECTED,
        "INVALID_DATE_RANGE",
        "effective_to one day before effective_from",
    )

    # a non-positive FX rate on a day without rates (a Saturday), so rejecting it changes no conversion
    saturday = last - dt.timedelta(days=(last.weekday() - 5) % 7)
    if f.query("fx_rates", "select count(*) from t where rate_date = ?", [saturday])[0][0]:
        raise ValueError(f"fx_rates already has rows on {saturday}")
    f.append("fx_rates", {"rate_date": saturday, "currency": "USD", "cny_per_unit": Decimal("0E-8")})
    f.record(
        "fx_rates",
        f"{saturday.isoformat()}|USD",
        "invalid_fx_rate",
        REJECTED,
        "INVALID_FX_RATE",
        "cny_per_unit 0",
    )

    # not a fault: a USD rate at the contract's full precision, 8 decimals (the generator quotes 4), which
    # must pass unflagged and reconcile to the last decimal (an 8-decimal rate failed reconciliation, Q-007)
    index = f.pick("fx_rates", "currency = 'USD'")
    source = f.row("fx_rates", index)
    full_precision_rate = source["cny_per_unit"] + Decimal("0.00004321")
    f.set_values("fx_rates", index, cny_per_unit=full_precision_rate)
    f.record(
        "fx_rates",
        row_key("fx_rates", source),
        "full_precision_rate",
        ACCEPTED,
        None,
        f"cny_per_unit {full_precision_rate} (8 decimals)",
        column="cny_per_unit",
    )

    # an activity month that is not the first day of a month
    _, account_id = f.clean_parent("deposit_accounts", child="account_activity")
    source = f.row("account_activity", f.pick("account_activity", "account_id = ?", [account_id]))
    mid_month = source["activity_month"] + dt.timedelta(days=14)
    f.append("account_activity", dict(source, activity_month=mid_month))
    f.record(
        "account_activity",
        f"{account_id}|{mid_month.isoformat()}",
        "invalid_month",
        REJECTED,
        "INVALID_MONTH",
        "activity_month on the 15th",
    )

    # activity in the month after an account closed (close_date is exclusive: the month starts on or after it)
    index, account_id = f.clean_parent("deposit_accounts", "close_date is not null")
    close_date = f.row("deposit_accounts", index)["close_date"]
    month_after = (close_date.replace(day=1) + dt.timedelta(days=31)).replace(day=1)
    f.append(
        "account_activity",
        {
            "account_id": account_id,
            "activity_month": month_after,
            "txn_count": 50,
            "txn_amount_cny": Decimal("1000.00"),
        },
    )
    f.record(
        "account_activity",
        f"{account_id}|{month_after.isoformat()}",
        "activity_after_close",
        REJECTED,
        "OUTSIDE_ACCOUNT_LIFE",
        f"activity in {month_after.isoformat()[:7]}, account closed {close_date.isoformat()}",
    )

    _new_account(
        f,
        "TIME deposit with term_months 0",
        "invalid_term",
        "INVALID_TERM",
        "product_code = 'TIME'",
        term_months=0,
    )


def _faults_encodings(f: _Injector) -> None:
    """Codes with full-width characters, trailing spaces or lower case: repaired and flagged (D-007)."""
    index, loan_id = f.clean_parent("loans")
    source = f.row("loans", index)
    f.set_values("loans", index, currency=to_full_width(source["currency"]))
    f.record(
        "loans",
        loan_id,
        "full_width_code",
        REPAIRED,
        "CODE_REPAIRED",
        f"currency {to_full_width(source['currency'])} (full-width)",
        column="currency",
    )

    index = f.pick("customer_tags")
    source = f.row("customer_tags", index)
    f.set_values("customer_tags", index, tag=to_full_width(source["tag"].lower()))
    f.record(
        "customer_tags",
        row_key("customer_tags", source),
        "full_width_code",
        REPAIRED,
        "CODE_REPAIRED",
        f"tag {to_full_width(source['tag'].lower())} (full-width, lower case)",
        column="tag",
    )

    index, account_id = f.clean_parent("deposit_accounts")
    source = f.row("deposit_accounts", index)
    f.set_values("deposit_accounts", index, product_code=source["product_code"] + "  ")
    f.record(
        "deposit_accounts",
        account_id,
        "trailing_space_code",
        REPAIRED,
        "CODE_REPAIRED",
        "product_code with two trailing spaces",
        column="product_code",
    )

    index = f.pick("fees")
    source = f.row("fees", index)
    f.set_values("fees", index, fee_type=source["fee_type"] + "\u3000")
    f.record(
        "fees",
        row_key("fees", source),
        "trailing_space_code",
        REPAIRED,
        "CODE_REPAIRED",
        "fee_type with a trailing full-width space",
        column="fee_type",
    )

    index = f.pick("customers")
    source = f.row("customers", index)
    f.set_values("customers", index, org_type=f" {source['org_type'].lower()} ")
    f.record(
        "customers",
        source["customer_id"],
        "lower_case_code",
        FLAGGED,
        "CODE_REPAIRED",
        "org_type in lower case with surrounding spaces",
        column="org_type",
    )


def _faults_strings_in_numeric_columns(f: _Injector) -> None:
    """The column arrives as VARCHAR in every part file; clean values keep their exact text (Q-002)."""
    cases = (
        ("fees", "income_amount", ("N/A", "1,234.50"), REJECTED, "INVALID_VALUE"),
        ("account_activity", "txn_count", ("twelve",), REJECTED, "INVALID_VALUE"),
        ("customers", "employees", ("about 200",), FLAGGED, "INVALID_VALUE"),
    )
    for table, column, bad_values, outcome, code in cases:
        bad_rows = f.stringified.setdefault((table, column), {})
        for bad in bad_values:
            index = f.pick(table, f"{column} is not null")
            source = f.row(table, index)
            f.used[table].add(index)
            bad_rows[index] = bad
            f.record(
                table,
                row_key(table, source),
                "string_in_numeric",
                outcome,
                code,
                f"{column} arrives as VARCHAR; this row holds '{bad}'",
                column=column,
            )


def _faults_currencies(f: _Injector) -> None:
    """Any ISO 4217 currency is valid (SPEC 3 and 8): an account in GBP, a currency without any FX rate, stays
    with its open days and activity, and each of its balances is MISSING_FX; JPY with a rate is accepted
    throughout (DECISIONLOG Q-011)."""
    few = f.query_join(
        "deposit_balances",
        "select account_id from t group by account_id having count(*) between 1 and 60",
    )
    index, account_id = f.clean_parent("deposit_accounts", child="deposit_balances", only=few or None)
    f.set_values("deposit_accounts", index, currency="GBP")
    cause = f.record(
        "deposit_accounts",
        account_id,
        "iso_currency_without_rate",
        ACCEPTED,
        None,
        "account in GBP, an ISO 4217 currency without FX rates: kept, its balances MISSING_FX",
        column="currency",
    )
    for (day,) in f.all_parts_query(
        "deposit_balances", "select balance_date from t where account_id = ? order by 1", [account_id]
    ):
        f.record(
            "deposit_balances",
            f"{account_id}|{day.isoformat()}",
            "iso_currency_without_rate",
            REJECTED,
            "MISSING_FX",
            "balance of a GBP account: no GBP rate on or before its date",
            caused_by=cause,
        )

    first_rate_date = f.all_parts_query("fx_rates", "select min(rate_date) from t")[0][0]
    f.append(
        "fx_rates", {"rate_date": first_rate_date, "currency": "JPY", "cny_per_unit": Decimal("0.04812345")}
    )
    f.record(
        "fx_rates",
        f"{first_rate_date.isoformat()}|JPY",
        "iso_currency_with_rate",
        ACCEPTED,
        None,
        "a JPY rate (carried forward to every later day)",
        column="currency",
    )
    index, account_id = f.clean_parent("deposit_accounts", child="deposit_balances")
    f.set_values("deposit_accounts", index, currency="JPY")
    f.record(
        "deposit_accounts",
        account_id,
        "iso_currency_with_rate",
        ACCEPTED,
        None,
        "account in JPY: kept with every balance, converted at the JPY rate",
        column="currency",
    )
    index = f.pick("fees", "fee_date > ?", [first_rate_date])
    source = f.row("fees", index)
    f.set_values("fees", index, currency="JPY")
    f.record(
        "fees",
        row_key("fees", source),
        "iso_currency_with_rate",
        ACCEPTED,
        None,
        "fee in JPY",
        column="currency",
    )


def _faults_physical_types(f: _Injector) -> None:
    """Exactness does not depend on the Parquet type (SPEC 3; DECISIONLOG Q-010): deposit balances arrive as
    DOUBLE (exact cents such as 1234567.89 are accepted unchanged; 100.125, NaN and 1e20, which decimal(18, 2)
    cannot hold, are INVALID_VALUE); integer codes and counts arrive as DOUBLE and 2.5 is INVALID_VALUE, never
    rounded."""
    f.as_double("deposit_balances", "balance")
    _, account_id = f.clean_parent("deposit_accounts", child="deposit_balances")
    values = [
        (1234567.89, ACCEPTED, None, "double_exact_amount"),
        (100.125, REJECTED, "INVALID_VALUE", "double_inexact_amount"),
        (float("nan"), REJECTED, "INVALID_VALUE", "double_not_a_number"),
        (1e20, REJECTED, "INVALID_VALUE", "double_amount_overflow"),
    ]
    indexes = [f.pick("deposit_balances", "account_id = ?", [account_id]) for _ in values]
    for index, (value, outcome, code, kind) in zip(
        indexes,
        values,
        strict=True,
    ):
        source = f.row("deposit_balances", index)
        f.set_values("deposit_balances", index, balance=value)
        f.record(
            "deposit_balances",
            row_key("deposit_balances", source),
            kind,
            outcome,
            code,
            f"balance {value} in a DOUBLE column",
            column="balance",
        )

    f.as_double("loans", "risk_grade")
    _new_loan(f, "risk_grade 2.5 in a DOUBLE column", "fractional_integer", "INVALID_VALUE", risk_grade=2.5)
    f.as_double("customers", "satisfaction_score")
    index = f.pick("customers", "satisfaction_score is not null")
    source = f.row("customers", index)
    f.set_values("customers", index, satisfaction_score=3.5)
    f.record(
        "customers",
        source["customer_id"],
        "fractional_integer",
        FLAGGED,
        "INVALID_VALUE",
        "satisfaction_score 3.5 in a DOUBLE column",
        column="satisfaction_score",
    )


def inject_row_faults(out: Path, seed: int) -> list[dict]:
    """Corrupt the clean dataset under ``out`` with every row-level fault kind; returns the manifest rows."""
    out = Path(out)
    if read_manifest(out):
        raise ValueError(f"{out} already holds injected faults ({manifest_path(out)}); regenerate it first")
    f = _Injector(out=out, rng=rng_for(seed, STREAM_FAULTS))
    first, last = f.period()
    _faults_keys_and_duplicates(f)
    _faults_orphans(f, first, last)
    _faults_amounts_and_rates(f)
    _faults_codes(f)
    _faults_parties(f)
    _faults_dates_and_reference_data(f, first, last)
    _faults_encodings(f)
    _faults_strings_in_numeric_columns(f)
    _faults_currencies(f)
    _faults_physical_types(f)
    f.flush()
    if f.con is not None:
        f.con.close()
    _write_manifest(out, f.manifest)
    return f.manifest


# ----------------------------------------------------------------------------------------------------------
# Whole-file faults
# ----------------------------------------------------------------------------------------------------------


def _default_column(table: str, kind: str) -> str:
    columns = CONTRACT[table]["columns"]
    if kind == "wrong_type":  # prefer a date column (the example of the issue: a DATE arriving as BOOLEAN)
        dates = [c for c, t in columns.items() if pa.types.is_date(t)]
        return dates[0] if dates else next(iter(columns))
    if kind == "inconsistent_part_types":
        numbers = [c for c, t in columns.items() if pa.types.is_decimal(t) or pa.types.is_integer(t)]
        return numbers[0] if numbers else next(iter(columns))
    non_key = [c for c in columns if c not in CONTRACT[table]["primary_key"]]
    return non_key[0] if non_key else next(iter(columns))


def _wrong_type_array(values: pa.Array) -> pa.Array:
    """The same number of values in a type the contract does not allow for the column."""
    if pa.types.is_boolean(values.type):
        return pa.array([dt.date(2000, 1, 1)] * len(values), type=pa.date32())
    return pa.array([True] * len(values), type=pa.bool_())


def inject_file_fault(out: Path, kind: str, table: str, column: str | None = None) -> dict:
    """Apply one whole-file fault to ``table`` under ``out`` and record it in the manifest."""
    out = Path(out)
    if kind not in FILE_FAULT_KINDS:
        raise ValueError(f"unknown file fault {kind!r}; one of {', '.join(FILE_FAULT_KINDS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}")
    folder = out / table
    parts = _parts(out, table)
    if kind not in ("missing_table",) and not parts:
        raise ValueError(f"{table}: no part files under {folder}")
    if kind in ("missing_column", "wrong_type", "inconsistent_part_types"):
        column = column or _default_column(table, kind)
        if column not in CONTRACT[table]["columns"]:
            raise ValueError(f"{table}: no column {column!r} in the contract")
    else:
        column = None

    if kind == "missing_table":
        shutil.rmtree(folder, ignore_errors=True)
        code, description = "missing table folder", "the table's folder is deleted"
    elif kind == "empty_table_folder":
        for path in parts:
            path.unlink()
        code, description = "no Parquet files", "the table's folder holds no Parquet file"
    elif kind == "missing_column":
        for path in parts:
            data = pq.read_table(path)
            write_parquet(path, data.drop_columns([column]))
        code, description = f"missing column {column}", f"column {column} is dropped from every part file"
    elif kind == "wrong_type":
        for path in parts:
            data = pq.read_table(path)
            position = data.schema.get_field_index(column)
            wrong = _wrong_type_array(data.column(column).combine_chunks())
            data = data.set_column(position, pa.field(column, wrong.type), wrong)
            write_parquet(path, data)
        code, description = (
            f"column {column} is ",
            f"column {column} is written as another type in every part",
        )
    elif kind == "truncated_file":
        path = parts[0]
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.truncate(size // 2)
        code, description = (
            f"{path.name} is not a readable Parquet file",
            "first part file cut to half its size",
        )
    elif kind == "unreadable_file":
        path = parts[0]
        path.write_bytes(b"customer_id,customer_name\nC0000001,not parquet at all\n")
        code, description = (
            f"{path.name} is not a readable Parquet file",
            "first part file replaced by CSV text",
        )
    elif kind in ("misnamed_part_file", "extensionless_part_file"):
        # the last part file holds real rows under a name the build's *.parquet pattern does not match
        path = parts[-1]
        name = path.stem + (".PARQUET" if kind == "misnamed_part_file" else "")
        if kind == "extensionless_part_file":
            name = "000000_0"  # Hive's name for a part file
        path.rename(folder / name)
        (folder / "_SUCCESS").touch()  # Spark/Hadoop markers beside it are ignored, not refused
        (folder / f".{name}.crc").write_bytes(b"crc")
        if len(parts) == 1:  # the table keeps one readable part, so only the name is the fault
            write_parquet(folder / "part-00000.parquet", pq.read_table(folder / name).slice(0, 1))
        code = f"{name} is not read" if kind == "misnamed_part_file" else f"{name} is a Parquet file without"
        description = f"part file {path.name} saved as {name} (its rows would be silently left out)"
    elif kind == "non_parquet_file":
        path = folder / "extract-2026-09.csv"
        data = pq.read_table(parts[0]).slice(0, 5)
        path.write_text(",".join(data.column_names) + "\n", encoding="utf-8")
        code, description = f"{path.name} is not read", "a CSV file beside the Parquet part files"
    elif kind == "empty_table":
        if RAW_CONTRACT[table].may_be_empty:
            raise ValueError(f"{table} may be empty (sources YAML may_be_empty): no fault to inject")
        schema = pq.read_table(parts[0]).schema
        for path in parts:
            path.unlink()
        write_parquet(folder / "part-00000.parquet", schema.empty_table())
        code, description = "no rows in", "the table's only part file holds no row"
    else:  # inconsistent_part_types: split part 0 in two, the second half with the column as VARCHAR
        path = parts[0]
        data = pq.read_table(path)
        half = max(data.num_rows // 2, 1)
        first_half, second_half = data.slice(0, half), data.slice(half)
        position = second_half.schema.get_field_index(column)
        text = _exact_text(second_half.column(column).combine_chunks())
        second_half = second_half.set_column(position, pa.field(column, pa.string()), text)
        write_parquet(path, first_half)
        write_parquet(folder / "part-99999.parquet", second_half)
        code = f"column {column} has different types across part files"
        description = f"part file split in two; the second holds {column} as VARCHAR"

    row = {
        "table_name": table,
        "row_key": None,
        "kind": kind,
        "column_name": column,
        "expected_outcome": STOPPED,
        "expected_code": code,
        "expected_rows": 0,
        "caused_by": None,
        "description": description,
    }
    return _append_manifest(out, [row])[0]


def parse_file_fault(text: str) -> tuple[str, str, str | None]:
    """``KIND:TABLE[:COLUMN]`` -> (kind, table, column)."""
    pieces = text.split(":")
    if len(pieces) not in (2, 3) or pieces[0] not in FILE_FAULT_KINDS or pieces[1] not in TABLES:
        raise ValueError(
            f"--file-fault {text!r}: expected KIND:TABLE[:COLUMN], KIND one of {', '.join(FILE_FAULT_KINDS)}"
        )
    return pieces[0], pieces[1], pieces[2] if len(pieces) == 3 else None


def fault_kinds(rows: Iterable[dict]) -> list[str]:
    return sorted({r["kind"] for r in rows})
