{#- A head-office data-quality parameter from the `policy_parameters` seed, as a scalar subquery.
    Data-quality limits are not regional and apply to every as-of date: the open-ended row is used. -#}
{% macro data_quality_parameter(parameter_code, value_column='value_number') -%}
    (
        select max({{ value_column }})
        from {{ ref('policy_parameters') }}
        where parameter_code = '{{ parameter_code }}'
            and scope_type = 'HEAD_OFFICE'
            and valid_to is null
    )
{%- endmacro %}
