"""Lint-only stand-ins for dbt's cross-database macros (`dbt.safe_cast`, ...).

sqlfluff's jinja templater renders models without dbt or a database; these return DuckDB SQL of the same
shape so the rendered model parses. dbt itself never imports this module.
"""


def safe_cast(field, type_):
    return f"try_cast({field} as {type_})"


def type_string():
    return "varchar"


def hash(field):  # mirrors dbt.hash (shadows the builtin on purpose)
    return f"md5({field})"


def concat(fields):
    return "concat(" + ", ".join(fields) + ")"


def length(expression):
    return f"length({expression})"


def dateadd(datepart, interval, from_date_or_timestamp):
    return f"date_add({from_date_or_timestamp}, interval ({interval}) {datepart})"


def datediff(first_date, second_date, datepart):
    return f"date_diff('{datepart}', {first_date}, {second_date})"


def date_trunc(datepart, date):
    return f"date_trunc('{datepart}', {date})"


def last_day(date, datepart):
    return f"last_day({date})"


def current_timestamp():
    return "current_timestamp"


def listagg(measure, delimiter_text="','", order_by_clause=None, limit_num=None):
    order_by = f" {order_by_clause}" if order_by_clause else ""
    return f"string_agg({measure}, {delimiter_text}{order_by})"
