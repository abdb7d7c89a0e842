{#- Layer schemas are used as they are (staging, intermediate, marts, policy) instead of dbt's default
    <target_schema>_<custom_schema>, so that BI users and auditors see stable names. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
