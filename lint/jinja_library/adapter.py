"""Lint-only stand-in for dbt's `adapter.dispatch`: renders the DuckDB (default__) shape of the project's
dispatched macros, so sqlfluff's jinja templater can parse models that use them."""


def _joined_distinct(values=(), lists=()):
    parts = ([f"[{', '.join(values)}]"] if values else []) + [f"coalesce({item}, [])" for item in lists]
    return f"nullif(array_to_string(list_sort(list_distinct(flatten([{', '.join(parts)}]))), ';'), '')"


_RENDERINGS = {
    "not_materialized": lambda: "",
    "collect_distinct": lambda expressions: f"list_distinct(flatten(list([{', '.join(expressions)}])))",
    "joined_distinct": _joined_distinct,
    "date_spine": lambda start_date, end_date: (
        f"select cast(range as date) as date_day from range(cast({start_date} as timestamp), "
        f"cast({end_date} as timestamp) + interval 1 day, interval 1 day)"
    ),
    "divide": lambda numerator, denominator: f"{numerator} / {denominator}",
    "raise_error": lambda message: f"error({message})",
}


def dispatch(macro_name, macro_namespace=None):
    def render(*args, **kwargs):
        if macro_name in _RENDERINGS:
            return _RENDERINGS[macro_name](*args, **kwargs)
        return "null"

    return render
