{#- One bit per day of the month: 2 ^ day (bits 1 .. 31 of a bigint), so that bit_or over a month's rows marks
    its distinct days and bit_count counts them (unique_date_per_key; both engines have bit_or and bit_count).
    Adapter-dispatched: default__ = DuckDB (<<), spark__ = Spark (shiftleft). -#}
{% macro day_of_month_bit(date_column) -%}
    {{ return(adapter.dispatch('day_of_month_bit', 'corporate_segmentation')(date_column)) }}
{%- endmacro %}

{% macro default__day_of_month_bit(date_column) -%}
    (cast(1 as bigint) << cast(extract(day from {{ date_column }}) as integer))
{%- endmacro %}

{% macro spark__day_of_month_bit(date_column) -%}
    shiftleft(cast(1 as bigint), dayofmonth({{ date_column }}))
{%- endmacro %}

