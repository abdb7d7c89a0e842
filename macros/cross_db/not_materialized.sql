{#- The CTE keyword that keeps a CTE read by several later CTEs from being stored in memory first: each reader
    then reads its own source again (a month of raw files, pruned by its filters) instead of one stored copy of
    every row, which at a million customers outgrows the memory limit. Written between `as` and `(`.
    Adapter-dispatched: default__ = DuckDB (`not materialized`), spark__ = Spark (nothing: Spark inlines CTEs). -#}
{% macro not_materialized() -%}
    {{ return(adapter.dispatch('not_materialized', 'corporate_segmentation')()) }}
{%- endmacro %}

{% macro default__not_materialized() -%}
    not materialized
{%- endmacro %}

{% macro spark__not_materialized() -%}
{%- endmacro %}
