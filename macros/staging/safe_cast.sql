{#- dbt.safe_cast for DuckDB and Spark: a value that does not cast becomes null instead of failing the query.
    dbt-duckdb ships no duckdb__safe_cast, so dbt's default (a plain `cast`) was used and one bad string in a
    numeric raw column stopped the whole build instead of being quarantined as INVALID_VALUE (DECISIONLOG
    D-013). dbt looks for `<adapter>__safe_cast` in the root project first. Spark (3.2+) has try_cast too, which
    also holds under ANSI mode. A cast to an integer type is exact (exact_integer_cast): 2.5 is null, not 2. -#}
{% macro duckdb__safe_cast(field, type) -%}
    {%- if type | lower | trim in integer_types() -%}
        {{ exact_integer_cast(field, type) }}
    {%- else -%}
        try_cast({{ field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    {%- if type | lower | trim in integer_types() -%}
        {{ exact_integer_cast(field, type) }}
    {%- else -%}
        try_cast({{ field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}

{% macro integer_types() -%}
    {{ return(['integer', 'int', 'bigint', 'smallint', 'tinyint', 'hugeint']) }}
{%- endmacro %}

{#- A whole number as `type`, or null: an integer code or count that arrives as 2.5 (DOUBLE, DECIMAL or text) is
    not a whole number and is null (the base models' is_uncastable: INVALID_VALUE, DECISIONLOG Q-010), where a
    plain cast rounds it, and differently by physical type (DOUBLE 2.5 -> 2, half to even; DECIMAL and text 2.5
    -> 3). Compared at 10 decimals, like the amounts. -#}
{% macro exact_integer_cast(field, type) -%}
    {%- set number = 'try_cast(' ~ field ~ ' as decimal(38, 10))' -%}
    try_cast(case when {{ number }} = floor({{ number }}) then {{ number }} end as {{ type }})
{%- endmacro %}
