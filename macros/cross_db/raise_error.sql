{#- An expression that stops the query with `message` (a SQL string expression) when it is evaluated: the build
    fails with that one line, e.g. when a var does not fit the data (int_evaluation_window, DECISIONLOG Q-009).
    Adapter-dispatched: DuckDB error(), Spark raise_error(). -#}
{% macro raise_error(message) -%}
    {{ return(adapter.dispatch('raise_error', 'corporate_segmentation')(message)) }}
{%- endmacro %}

{% macro default__raise_error(message) -%}
    error({{ message }})
{%- endmacro %}

{% macro spark__raise_error(message) -%}
    raise_error({{ message }})
{%- endmacro %}
