{#- dbt.safe_cast for DuckDB and Spark: a value that does not cast becomes null instead of failing the query.
    dbt-duckdb ships no duckdb__safe_cast, so dbt's default (a plain `cast`) was used and one bad string in a
    numeric raw column stopped the whole build instead of being quarantined as INVALID_VALUE (DECISIONLOG
    D-013). dbt looks for `<adapter>__safe_cast` in the root project first. Spark (3.2+) has try_cast too, which
    also holds under ANSI mode. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
