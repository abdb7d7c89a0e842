{#- The distinct values of one or more expressions over the rows of a group, as an AGGREGATE returning a list
    (DuckDB, which drops nulls) / array (Spark, whose array_join in joined_distinct skips them); joined_distinct
    turns the lists into the ';'-joined text the models publish. Adapter-dispatched: default__ = DuckDB,
    spark__ = Spark. -#}
{% macro collect_distinct(expressions) -%}
    {{ return(adapter.dispatch('collect_distinct', 'corporate_segmentation')(expressions)) }}
{%- endmacro %}

{% macro default__collect_distinct(expressions) -%}
    list_distinct(flatten(list([{{ expressions | join(', ') }}])))
{%- endmacro %}

{% macro spark__collect_distinct(expressions) -%}
    array_distinct(flatten(collect_list(array({{ expressions | join(', ') }}))))
{%- endmacro %}
