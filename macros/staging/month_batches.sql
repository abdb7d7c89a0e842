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

{#- The stored fingerprint of a batch: its input fingerprint mixed with the hash of the compiled SQL that wrote it
    (session variable `batch_code_hash`), so that a batch is written again when the model's code changes. -#}
{% macro batch_fingerprint(input_fingerprint, code_hash="getvariable('batch_code_hash')") -%}
    {{ row_fingerprint([input_fingerprint, code_hash]) }}
{%- endmacro %}
