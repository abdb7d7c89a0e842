{#- 总行参数 The head-office (HEAD_OFFICE scope) value and version of every scalar policy parameter the models use,
    in force on the as-of date (seed policy_parameters, SPEC 4.8): one row, one column per parameter. Models that
    use a parameter import this row; parameters that regions or branches may override are resolved per branch in
    int_policy_parameters_by_branch. The enforced contract makes every column not null, so a parameter missing from
    the seed (or not in force on the as-of date) fails the build with its column name. -#}
{%- set parameter_codes = [
    'include_off_balance_credit',
    'accrual_day_count_basis',
    'demand_deposit_behavioural_term_months',
    'capital_ratio',
    'cost_of_capital',
    'off_balance_credit_conversion_factor',
    'vat_rate',
    'vat_surcharge_rate',
    'small_loan_vat_exemption',
    'small_loan_vat_exemption_cap_cny',
    'raroc_annualisation_days',
    'large_customer_sales_cny',
    'large_customer_reduced_sales_cny',
    'deposit_scale_threshold_cny',
    'neutral_indicator_score',
    'basic_account_count_weight',
] -%}

with

parameters as (

    select
        parameter_code,
        scope_type,
        value_number,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('policy_parameters') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

in_force as (

    select
        evaluation_window.as_of_date,
        parameters.parameter_code,
        parameters.value_number,
        parameters.parameter_version
    from evaluation_window
    inner join parameters
        on {{ is_in_force('parameters', 'evaluation_window.as_of_date') }}
            and parameters.scope_type = 'HEAD_OFFICE'

),

final as (

    select
        {%- for code in parameter_codes %}
            max(case when in_force.parameter_code = '{{ code }}' then in_force.value_number end)
                as {{ code }},
            max(case when in_force.parameter_code = '{{ code }}' then in_force.parameter_version end)
                as {{ code }}_version,
        {%- endfor %}
        evaluation_window.as_of_date
    from evaluation_window
    left join in_force
        on evaluation_window.as_of_date = in_force.as_of_date
    group by evaluation_window.as_of_date

)

select * from final
