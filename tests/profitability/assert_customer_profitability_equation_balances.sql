{#- 利润方程 Fails for every customer whose published components do not re-add to profit_contribution within
    0.01 CNY (SPEC 4.5 and 6), whose nets / operating cost do not equal their published parts, or whose
    profit_contribution is more than the rounding of its nine rounded parts (9 x half a cent) away from the
    same equation over the unrounded intermediate components (a reconciliation between the layers). -#}

with

profitability as (

    select * from {{ ref('customer_profitability') }}

),

loan_income as (

    select
        customer_id,
        sum(loan_ftp_net_income) as loan_ftp_net_income
    from {{ ref('int_loan_ftp_income_aggregated_to_customer_months') }}
    group by customer_id

),

deposit_income as (

    select
        customer_id,
        sum(deposit_ftp_net_income) as deposit_ftp_net_income
    from {{ ref('int_deposit_ftp_income_aggregated_to_customer_months') }}
    group by customer_id

),

fee_income as (

    select
        customer_id,
        sum(fee_net_income) as fee_net_income
    from {{ ref('int_fee_income_aggregated_to_customer_months') }}
    group by customer_id

),

allocations as (

    select
        customer_id,
        sum(allocated_amount_cny) as allocated_operating_cost
    from {{ ref('int_cost_pools_allocated_to_customers') }}
    group by customer_id

),

capital as (

    select
        customer_id,
        capital_cost
    from {{ ref('int_customers_capital_costed') }}

),

credit as (

    select
        customer_id,
        credit_cost
    from {{ ref('int_customers_credit_costed') }}

),

taxes as (

    select
        customer_id,
        tax_surcharge
    from {{ ref('int_customers_tax_surcharged') }}

),

unrounded_profits as (

    select
        profitability.customer_id,
        coalesce(loan_income.loan_ftp_net_income, 0)
        + coalesce(deposit_income.deposit_ftp_net_income, 0)
        + coalesce(fee_income.fee_net_income, 0)
        - coalesce(capital.capital_cost, 0)
        - coalesce(allocations.allocated_operating_cost, 0)
        - coalesce(taxes.tax_surcharge, 0)
        - coalesce(credit.credit_cost, 0) as unrounded_profit_contribution
    from profitability
    left join loan_income on profitability.customer_id = loan_income.customer_id
    left join deposit_income on profitability.customer_id = deposit_income.customer_id
    left join fee_income on profitability.customer_id = fee_income.customer_id
    left join allocations on profitability.customer_id = allocations.customer_id
    left join capital on profitability.customer_id = capital.customer_id
    left join credit on profitability.customer_id = credit.customer_id
    left join taxes on profitability.customer_id = taxes.customer_id

),

differences as (

    select
        profitability.as_of_date,
        profitability.customer_id,
        profitability.profit_contribution,
        profitability.profit_contribution - (
            profitability.loan_ftp_net_income + profitability.deposit_ftp_net_income + profitability.fee_net_income
            - profitability.capital_cost - profitability.operating_cost - profitability.credit_cost
        ) as profit_difference,
        profitability.operating_cost - (profitability.allocated_operating_cost + profitability.tax_surcharge)
            as operating_cost_difference,
        profitability.loan_ftp_net_income - (profitability.loan_interest_income - profitability.loan_ftp_charge)
            as loan_net_difference,
        profitability.deposit_ftp_net_income
        - (profitability.deposit_ftp_credit - profitability.deposit_interest_expense) as deposit_net_difference,
        profitability.fee_net_income - (profitability.fee_income - profitability.fee_expense) as fee_net_difference,
        profitability.profit_contribution - unrounded_profits.unrounded_profit_contribution as layer_difference
    from profitability
    inner join unrounded_profits on profitability.customer_id = unrounded_profits.customer_id

)

select *
from differences
where abs(profit_difference) > 0.01
    or abs(operating_cost_difference) > 0.01
    or abs(loan_net_difference) > 0.01
    or abs(deposit_net_difference) > 0.01
    or abs(fee_net_difference) > 0.01
    or abs(layer_difference) > 0.045
