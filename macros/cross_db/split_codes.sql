{#- One row per code of a ';'-joined list column: renders the select-list columns `code` and `code_position`
    (0-based position in the list). DuckDB: unnest of string_split; Spark: posexplode of split. -#}
{% macro split_codes(column) -%}
    {{ return(adapter.dispatch('split_codes')(column)) }}
{%- endmacro %}

{% macro default__split_codes(column) -%}
    unnest(string_split({{ column }}, ';')) as code,
    unnest(generate_series(0, len(string_split({{ column }}, ';')) - 1)) as code_position
{%- endmacro %}

{% macro spark__split_codes(column) -%}
    posexplode(split({{ column }}, ';')) as (code_position, code)
{%- endmacro %}
