{#- A raw key as text without leading or trailing spaces. Trimming every value costs about ten times reading it on
    the daily tables (DuckDB trims each of 132 million strings), so only values that start or end with a space
    are trimmed; the result is the same. Adapter-dispatched: default__ = DuckDB (starts_with / ends_with), spark__ =
    Spark (startswith / endswith). -#}
{% macro trim_key(column) -%}
    {{ return(adapter.dispatch('trim_key', 'corporate_segmentation')(column)) }}
{%- endmacro %}

{% macro default__trim_key(column) -%}
    case
        when starts_with(cast({{ column }} as {{ dbt.type_string() }}), ' ')
            or ends_with(cast({{ column }} as {{ dbt.type_string() }}), ' ')
            then trim(cast({{ column }} as {{ dbt.type_string() }}))
        else cast({{ column }} as {{ dbt.type_string() }})
    end
{%- endmacro %}

{% macro spark__trim_key(column) -%}
    case
        when startswith(cast({{ column }} as string), ' ') or endswith(cast({{ column }} as string), ' ')
            then trim(cast({{ column }} as string))
        else cast({{ column }} as string)
    end
{%- endmacro %}
