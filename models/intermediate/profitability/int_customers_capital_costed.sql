{#- 资本成本 Capital cost per existing customer over the window (SPEC 4.5): sum over days of
    exposure_cny * risk_weight * capital_ratio * cost_of_capital / 360, where exposure = on-balance loan balances,
    plus off-balance balances times the credit conversion factor when include_off_balance_credit = 1. Also the
    average economic capital (avg daily exposure * risk_weight * capital_ratio), the RAROC denominator
    (DECISIONLOG P-007). capital_ratio and cost_of_capital resolve branch > region > head office (head office
    when the customer has no branch). -#}

with

customers as (

    select
        customer_id,
        branch_code,
        region_code,
        window_days
    from {{ ref('int_customers_profiled_for_profitability') }}

),

risk_weights as (

    select
        customer_id,
        risk_weight,
        risk_weight_rule_code,
        parameter_version
    from {{ ref('int_customers_risk_weighted') }}

),

loan_months as (

    select
        customer_id,
        loan_id,
        balance_days_cny
    from {{ ref('int_loan_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'

),

loans as (

    select
        loan_id,
        is_on_balance
    from {{ ref('int_loans_matched_to_ftp_rates') }}

),

branch_parameters as (

    select
        branch_code,
        region_code,
        max(case when parameter_code = 'capital_ratio' then value_number end) as capital_ratio,
        max(case when parameter_code = 'capital_ratio' then parameter_version end) as capital_ratio_version,
        max(case when parameter_code = 'cost_of_capital' then value_number end) as cost_of_capital,
        max(case when parameter_code = 'cost_of_capital' then parameter_version end) as cost_of_capital_version
    from {{ ref('int_policy_parameters_by_branch') }}
    where parameter_code in ('capital_ratio', 'cost_of_capital')
    group by branch_code, region_code

),

head_office_parameters as (

    select
        include_off_balance_credit = 1 as includes_off_balance,
        off_balance_credit_conversion_factor as credit_conversion_factor,
        capital_ratio,
        capital_ratio_version,
        cost_of_capital,
        cost_of_capital_version,
        accrual_day_count_basis as day_count_basis
    from {{ ref('int_policy_parameters_at_head_office') }}

),

exposure_days as (

    select
        loan_months.customer_id,
        sum(
            case
                when loans.is_on_balance then loan_months.balance_days_cny
                when head_office_parameters.includes_off_balance
                    then cast(
                            loan_months.balance_days_cny * head_office_parameters.credit_conversion_factor
                            as decimal(38, 10)
                        )
                else 0
            end
        ) as exposure_balance_days_cny
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    cross join head_office_parameters
    group by loan_months.customer_id

),

capital_rates as (

    select
        customers.customer_id,
        customers.window_days,
        cast(coalesce(exposure_days.exposure_balance_days_cny, 0) as decimal(38, 10)) as exposure_balance_days_cny,
        risk_weights.risk_weight_rule_code,
        risk_weights.risk_weight,
        coalesce(branch_parameters.capital_ratio, head_office_parameters.capital_ratio) as capital_ratio,
        coalesce(branch_parameters.cost_of_capital, head_office_parameters.cost_of_capital) as cost_of_capital,
        head_office_parameters.day_count_basis,
        risk_weights.parameter_version as risk_weight_parameter_version,
        coalesce(branch_parameters.capital_ratio_version, head_office_parameters.capital_ratio_version)
            as capital_ratio_version,
        coalesce(branch_parameters.cost_of_capital_version, head_office_parameters.cost_of_capital_version)
            as cost_of_capital_version
    from customers
    cross join head_office_parameters
    left join exposure_days on customers.customer_id = exposure_days.customer_id
    left join risk_weights on customers.customer_id = risk_weights.customer_id
    left join branch_parameters
        on customers.branch_code = branch_parameters.branch_code
            and customers.region_code = branch_parameters.region_code

),

final as (

    select
        customer_id,
        exposure_balance_days_cny,
        cast(exposure_balance_days_cny / window_days as decimal(38, 10)) as avg_daily_exposure_cny,
        risk_weight_rule_code,
        risk_weight,
        capital_ratio,
        cost_of_capital,
        cast(
            cast(
                cast(exposure_balance_days_cny * risk_weight as decimal(38, 10)) * capital_ratio as decimal(38, 10)
            ) * cost_of_capital / day_count_basis as decimal(38, 10)
        ) as capital_cost,
        cast(
            cast(exposure_balance_days_cny * risk_weight as decimal(38, 10)) * capital_ratio / window_days
            as decimal(38, 10)
        ) as avg_economic_capital_cny,
        risk_weight_parameter_version,
        capital_ratio_version,
        cost_of_capital_version
    from capital_rates

)

select * from final
