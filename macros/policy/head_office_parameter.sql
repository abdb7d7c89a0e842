{#- A head-office policy parameter in force on the build's as-of date, as a scalar subquery
    (`policy_parameters` seed; the test no_overlapping_validity guarantees at most one row).
    For parameters that regions or branches may override, join int_policy_parameters_by_branch instead. -#}
{% macro head_office_parameter(parameter_code, value_column='value_number') -%}
    (
        select max(parameters.{{ value_column }})
        from {{ ref('policy_parameters') }} as parameters
        inner join {{ ref('int_evaluation_window') }} as evaluation_window
            on parameters.valid_from <= evaluation_window.as_of_date
            and (parameters.valid_to is null or parameters.valid_to >= evaluation_window.as_of_date)
        where parameters.parameter_code = '{{ parameter_code }}'
            and parameters.scope_type = 'HEAD_OFFICE'
    )
{%- endmacro %}
