{#- 版本清单 The distinct non-null values of the scalar expressions `values` and of the lists `lists` (from
    collect_distinct; a null list counts as empty), sorted and joined with ';'; null when there is none. This is how
    a row names every parameter version or override source that decided it. A row-wise expression (no aggregate),
    adapter-dispatched: default__ = DuckDB, spark__ = Spark. -#}
{% macro joined_distinct(values=[], lists=[]) -%}
    {{ return(adapter.dispatch('joined_distinct', 'corporate_segmentation')(values, lists)) }}
{%- endmacro %}

{% macro default__joined_distinct(values, lists) -%}
    {%- set parts = [] -%}
    {%- if values %}{% do parts.append('[' ~ values | join(', ') ~ ']') %}{% endif -%}
    {%- for list in lists %}{% do parts.append('coalesce(' ~ list ~ ', [])') %}{% endfor -%}
    nullif(array_to_string(list_sort(list_distinct(flatten([{{ parts | join(', ') }}]))), ';'), '')
{%- endmacro %}

{% macro spark__joined_distinct(values, lists) -%}
    {%- set parts = [] -%}
    {%- if values %}{% do parts.append('array(' ~ values | join(', ') ~ ')') %}{% endif -%}
    {%- for list in lists %}{% do parts.append('coalesce(' ~ list ~ ', array())') %}{% endfor -%}
    nullif(array_join(array_sort(array_distinct(flatten(array({{ parts | join(', ') }})))), ';'), '')
{%- endmacro %}
