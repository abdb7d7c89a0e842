{#- 信贷成本 Expected-loss credit cost per existing customer over the window (SPEC 4.5 and 8): sum over days of
    balance_cny * PD * LGD / 360, with PD = the greater of the PD of the loan's risk grade and the floor of that
    day's five-level class (SUBSTANDARD 25%, DOUBTFUL / LOSS 100%) - the monthly aggregates are grouped by class,
    so a class change mid-month prices each day at its own class - and LGD by collateral type. Off-balance
    balances count (times the credit conversion factor) only when include_off_balance_credit = 1. -#}

with

loan_months as (

    select
        customer_id,
        loan_id,
        five_level_class,
        balance_days_cny
    from {{ ref('int_loan_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'

),

loans as (

    select
        loan_id,
        is_on_balance,
        risk_grade,
        collateral_type
    from {{ ref('int_loans_matched_to_ftp_rates') }}

),

customers as (

    select customer_id from {{ ref('int_customers_profiled_for_profitability') }}

),

pd_by_risk_grade as (

    select
        risk_grade,
        probability_of_default,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('pd_by_risk_grade') }}

),

pd_floors as (

    select
        five_level_class,
        pd_floor,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('pd_floors_by_five_level_class') }}

),

lgd_by_collateral_type as (

    select
        collateral_type,
        loss_given_default,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('lgd_by_collateral_type') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

head_office_parameters as (

    select
        include_off_balance_credit = 1 as includes_off_balance,
        off_balance_credit_conversion_factor as credit_conversion_factor,
        accrual_day_count_basis as day_count_basis
    from {{ ref('int_policy_parameters_at_head_office') }}

),

pd_in_force as (

    select pd_by_risk_grade.*
    from pd_by_risk_grade
    inner join evaluation_window
        on {{ is_in_force('pd_by_risk_grade', 'evaluation_window.as_of_date') }}

),

floors_in_force as (

    select pd_floors.*
    from pd_floors
    inner join evaluation_window
        on {{ is_in_force('pd_floors', 'evaluation_window.as_of_date') }}

),

lgd_in_force as (

    select lgd_by_collateral_type.*
    from lgd_by_collateral_type
    inner join evaluation_window
        on {{ is_in_force('lgd_by_collateral_type', 'evaluation_window.as_of_date') }}

),

loan_months_with_loss_rates as (

    select
        loan_months.customer_id,
        loan_months.loan_id,
        loans.risk_grade,
        loans.collateral_type,
        loan_months.balance_days_cny,
        case
            when loans.is_on_balance then 1
            when head_office_parameters.includes_off_balance then head_office_parameters.credit_conversion_factor
            else 0
        end as exposure_factor,
        case
            when floors_in_force.pd_floor > pd_in_force.probability_of_default then floors_in_force.pd_floor
            else pd_in_force.probability_of_default
        end as probability_of_default,
        lgd_in_force.loss_given_default,
        pd_in_force.parameter_version as pd_parameter_version,
        floors_in_force.parameter_version as pd_floor_parameter_version,
        lgd_in_force.parameter_version as lgd_parameter_version
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    cross join head_office_parameters
    left join pd_in_force on loans.risk_grade = pd_in_force.risk_grade
    left join floors_in_force on loan_months.five_level_class = floors_in_force.five_level_class
    left join lgd_in_force on loans.collateral_type = lgd_in_force.collateral_type

),

loss_rates_checked as (

    {#- A loan with an exposure and no PD or LGD in force on the as-of date stops the build here: a missing rate
        would drop its expected loss from the sum, silently (a seed row deleted or dated later; DECISIONLOG
        Q-020). -#}
    select
        loan_months_with_loss_rates.customer_id,
        loan_months_with_loss_rates.balance_days_cny,
        loan_months_with_loss_rates.exposure_factor,
        coalesce(
            loan_months_with_loss_rates.probability_of_default,
            {{ raise_error(
                "'loan ' || loan_months_with_loss_rates.loan_id || ': no PD in force on the as-of date for risk grade '"
                ~ " || coalesce(cast(loan_months_with_loss_rates.risk_grade as " ~ dbt.type_string() ~ "), 'null')"
                ~ " || ' (seed pd_by_risk_grade)'") }}
        ) as probability_of_default,
        coalesce(
            loan_months_with_loss_rates.loss_given_default,
            {{ raise_error(
                "'loan ' || loan_months_with_loss_rates.loan_id || ': no LGD in force on the as-of date for collateral"
                ~ " type ' || coalesce(loan_months_with_loss_rates.collateral_type, 'null')"
                ~ " || ' (seed lgd_by_collateral_type)'") }}
        ) as loss_given_default,
        loan_months_with_loss_rates.pd_parameter_version,
        loan_months_with_loss_rates.pd_floor_parameter_version,
        loan_months_with_loss_rates.lgd_parameter_version
    from loan_months_with_loss_rates
    where loan_months_with_loss_rates.exposure_factor > 0

),

loss_rate_days as (

    select
        customer_id,
        sum(
            cast(
                cast(
                    cast(balance_days_cny * exposure_factor as decimal(38, 10)) * probability_of_default
                    as decimal(38, 10)
                ) * loss_given_default as decimal(38, 10)
            )
        ) as expected_loss_rate_days_cny,
        max(pd_parameter_version) as pd_parameter_version,
        max(pd_floor_parameter_version) as pd_floor_parameter_version,
        max(lgd_parameter_version) as lgd_parameter_version
    from loss_rates_checked
    group by customer_id

),

final as (

    select
        customers.customer_id,
        cast(
            coalesce(loss_rate_days.expected_loss_rate_days_cny, 0) / head_office_parameters.day_count_basis
            as decimal(38, 10)
        ) as credit_cost,
        loss_rate_days.pd_parameter_version,
        loss_rate_days.pd_floor_parameter_version,
        loss_rate_days.lgd_parameter_version
    from customers
    cross join head_office_parameters
    left join loss_rate_days on customers.customer_id = loss_rate_days.customer_id

)

select * from final
