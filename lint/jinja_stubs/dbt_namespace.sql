{#- Lint-only stand-ins for dbt's cross-database macros, so sqlfluff's fast jinja templater can render
    models without a database connection. Never used by dbt (this folder is not a macro path). -#}
{% macro safe_cast(field, type) %}try_cast({{ field }} as {{ type }}){% endmacro %}
{% macro type_string() %}varchar{% endmacro %}
{% macro hash(field) %}md5({{ field }}){% endmacro %}
{% macro concat(fields) %}concat({{ fields | join(', ') }}){% endmacro %}
{% macro length(expression) %}length({{ expression }}){% endmacro %}
{% macro dateadd(datepart, interval, from_date_or_timestamp) %}date_add({{ from_date_or_timestamp }}, interval ({{ interval }}) {{ datepart }}){% endmacro %}
{% macro datediff(first_date, second_date, datepart) %}date_diff('{{ datepart }}', {{ first_date }}, {{ second_date }}){% endmacro %}
{% macro date_trunc(datepart, date) %}date_trunc('{{ datepart }}', {{ date }}){% endmacro %}
