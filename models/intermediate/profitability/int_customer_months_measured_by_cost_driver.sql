{#- 成本动因量 The driver volume of every existing customer in every month of the window whose first day is in the
    window (SPEC 8 "Cost allocation"), one row per (customer, month, driver) with volume > 0:
    OPEN_ACCOUNT_DAYS = deposit-account open days in the month and TXN_COUNT = account_activity.txn_count of the
    month (int_deposit_account_usage_aggregated_to_customer_months); ACTIVE_CUSTOMER = 1 when an account is open or
    a deposit or loan balance is > 0 in the month; LOAN_BALANCE_DAYS = on-balance loan balance-days in CNY (plus
    off-balance when include_off_balance_credit = 1); GROSS_INCOME = loan FTP net + deposit FTP net + fee net of
    the month (int_income_joined_to_customer_months), floored at 0. Branch = the customer's customers.branch_code. -#}

with

customers as (

    select
        customer_id,
        branch_code
    from {{ ref('int_customers_profiled_for_profitability') }}

),

account_usage as (

    select
        customer_id,
        usage_month,
        open_account_days,
        txn_count
    from {{ ref('int_deposit_account_usage_aggregated_to_customer_months') }}

),

deposit_months as (

    select
        customer_id,
        balance_month,
        positive_balance_days
    from {{ ref('int_deposit_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'

),

loan_months as (

    select
        customer_id,
        loan_id,
        balance_month,
        balance_days_cny,
        positive_balance_days
    from {{ ref('int_loan_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'

),

loans as (

    select
        loan_id,
        is_on_balance
    from {{ ref('int_loans_matched_to_ftp_rates') }}

),

income as (

    select
        customer_id,
        income_month,
        gross_income
    from {{ ref('int_income_joined_to_customer_months') }}

),

calendar_months as (

    select balance_month from {{ ref('int_calendar_months_matched_to_windows') }}

),

evaluation_window as (

    select window_first_date from {{ ref('int_evaluation_window') }}

),

off_balance_switch as (

    select include_off_balance_credit = 1 as includes_off_balance
    from {{ ref('int_policy_parameters_at_head_office') }}

),

window_months as (

    select calendar_months.balance_month as cost_month
    from calendar_months
    cross join evaluation_window
    where calendar_months.balance_month >= evaluation_window.window_first_date

),

active_months as (

    select
        customer_id,
        usage_month as cost_month
    from account_usage
    where open_account_days > 0
    union
    select
        customer_id,
        balance_month as cost_month
    from deposit_months
    where positive_balance_days > 0
    union
    select
        customer_id,
        balance_month as cost_month
    from loan_months
    where positive_balance_days > 0

),

volumes as (

    select
        customer_id,
        usage_month as cost_month,
        'OPEN_ACCOUNT_DAYS' as driver_code,
        cast(open_account_days as decimal(38, 10)) as driver_volume
    from account_usage
    union all
    select
        customer_id,
        usage_month as cost_month,
        'TXN_COUNT' as driver_code,
        cast(txn_count as decimal(38, 10)) as driver_volume
    from account_usage
    union all
    select
        customer_id,
        cost_month,
        'ACTIVE_CUSTOMER' as driver_code,
        cast(1 as decimal(38, 10)) as driver_volume
    from active_months
    union all
    select
        loan_months.customer_id,
        loan_months.balance_month as cost_month,
        'LOAN_BALANCE_DAYS' as driver_code,
        cast(
            sum(
                case
                    when loans.is_on_balance or off_balance_switch.includes_off_balance
                        then loan_months.balance_days_cny
                    else 0
                end
            ) as decimal(38, 10)
        ) as driver_volume
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    cross join off_balance_switch
    group by loan_months.customer_id, loan_months.balance_month
    union all
    select
        customer_id,
        income_month as cost_month,
        'GROSS_INCOME' as driver_code,
        gross_income as driver_volume
    from income

),

final as (

    select
        customers.branch_code,
        volumes.cost_month,
        volumes.customer_id,
        volumes.driver_code,
        volumes.driver_volume
    from volumes
    inner join customers on volumes.customer_id = customers.customer_id
    inner join window_months on volumes.cost_month = window_months.cost_month
    where volumes.driver_volume > 0

)

select * from final
