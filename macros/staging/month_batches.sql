{#- Month batches of the daily balance tables (materialization `batched`, DECISIONLOG H-014). -#}

{#- The batch of a calendar month (its first day, a date; null for rows without a readable date) as text:
    '2026-09-01', or 'UNDATED'. Labelled after grouping: formatting a date as text costs more per row than the
    rest of a scan. -#}
{% macro month_batch(month_column) -%}
    coalesce(cast({{ month_column }} as {{ dbt.type_string() }}), 'UNDATED')
{%- endmacro %}

{#- True for the raw rows of the batch being written (session variable `current_batch`; null = every batch).
    A plain range on the date, so that the engine reads only that month's rows of the raw files. -#}
{% macro month_batch_filter(date_column) -%}
    {{ return(adapter.dispatch('month_batch_filter', 'corporate_segmentation')(date_column)) }}
{%- endmacro %}

{% macro default__month_batch_filter(date_column) -%}
    (
        getvariable('current_batch') is null
        or getvariable('current_batch') = 'UNDATED' and {{ date_column }} is null
        or {{ date_column }} >= try_cast(getvariable('current_batch') as date)
        and {{ date_column }} < cast(try_cast(getvariable('current_batch') as date) + interval 1 month as date)
    )
{%- endmacro %}

{#- Spark: a marker the materialization replaces with the date ranges of the batches it writes (Spark has no
    per-connection session variable, see macros/materializations/batched.sql); left as it is (dbt unit tests,
    `dbt show`) it is true: every batch. -#}
{% macro spark__month_batch_filter(date_column) -%}
    {{ month_batch_marker(date_column) }}
{%- endmacro %}

{#- The marker of spark__month_batch_filter. -#}
{% macro month_batch_marker(date_column) -%}
    {{ return("('@month_batches:" ~ date_column ~ "@' is not null)") }}
{%- endmacro %}

{#- What a Spark `batched` statement puts in place of the marker: the rows of the batches it writes, a plain
    range of dates per month, which Spark pushes into the Parquet scan. -#}
{% macro month_batch_ranges(batches, date_column) -%}
    {%- set ranges = [] -%}
    {%- for batch in batches -%}
        {%- if batch == 'UNDATED' -%}
            {%- do ranges.append(date_column ~ ' is null') -%}
        {%- else -%}
            {%- do ranges.append(date_column ~ " >= date '" ~ batch ~ "' and " ~ date_column
                ~ " < add_months(date '" ~ batch ~ "', 1)") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return('(' ~ (ranges | join(' or ') if ranges else 'false') ~ ')') }}
{%- endmacro %}

{#- The stored fingerprint of a batch: its input fingerprint mixed with the hash of the compiled SQL that wrote it
    (session variable `batch_code_hash`), so that a batch is written again when the model's code changes. -#}
{% macro batch_fingerprint(input_fingerprint, code_hash=none) -%}
    {{ row_fingerprint([input_fingerprint, code_hash or batch_code_hash()]) }}
{%- endmacro %}

{#- The hash of the compiled SQL of the batch being written: DuckDB the session variable `batch_code_hash`
    (null outside a batched build), Spark a placeholder the materialization replaces with the hash. -#}
{% macro batch_code_hash() -%}
    {{ return(adapter.dispatch('batch_code_hash', 'corporate_segmentation')()) }}
{%- endmacro %}

{% macro default__batch_code_hash() -%}
    getvariable('batch_code_hash')
{%- endmacro %}

{% macro spark__batch_code_hash() -%}
    '{{ batch_code_hash_placeholder() }}'
{%- endmacro %}

{% macro batch_code_hash_placeholder() -%}
    {{ return('@batch_code_hash@') }}
{%- endmacro %}
