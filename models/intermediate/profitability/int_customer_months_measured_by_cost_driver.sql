{#- 成本动因量 The driver volume of every existing customer in every month of the window whose first day is in the
    window (SPEC 8 "Cost allocation"), one row per (customer, month, driver) with volume > 0:
    OPEN_ACCOUNT_DAYS = deposit-account open days in the month (open_date <= d < close_date, d <= as_of_date);
    TXN_COUNT = account_activity.txn_count of the month; ACTIVE_CUSTOMER = 1 when an account is open or a
    deposit or loan balance is > 0 in the month; LOAN_BALANCE_DAYS = on-balance loan balance-days in CNY (plus
    off-balance when include_off_balance_credit = 1); GROSS_INCOME = loan FTP net + deposit FTP net + fee net
    of the month, floored at 0. Branch = the customer's customers.branch_code. -#}

with

customers as (

    select
        customer_id,
        branch_code
    from {{ ref('int_customers_profiled_for_profitability') }}

),

deposit_accounts as (

    select
        account_id,
        customer_id,
        open_date,
        close_date
    from {{ ref('stg_bank__deposit_accounts') }}

),

account_activity as (

    select
        account_id,
        activity_month,
        txn_count
    from {{ ref('stg_bank__account_activity') }}

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

loan_income as (

    select
        customer_id,
        balance_month,
        loan_ftp_net_income
    from {{ ref('int_loan_ftp_income_aggregated_to_customer_months') }}

),

deposit_income as (

    select
        customer_id,
        balance_month,
        deposit_ftp_net_income
    from {{ ref('int_deposit_ftp_income_aggregated_to_customer_months') }}

),

fee_income as (

    select
        customer_id,
        fee_month,
        fee_net_income
    from {{ ref('int_fee_income_aggregated_to_customer_months') }}

),

evaluation_window as (

    select
        as_of_date,
        window_first_date
    from {{ ref('int_evaluation_window') }}

),

off_balance_switch as (

    select include_off_balance_credit = 1 as includes_off_balance
    from {{ ref('int_policy_parameters_at_head_office') }}

),

window_days as (

    {{ date_spine(
        '(select window_first_date from ' ~ ref('int_evaluation_window') ~ ')',
        '(select as_of_date from ' ~ ref('int_evaluation_window') ~ ')') }}

),

window_months as (

    select distinct
        cast({{ dbt.date_trunc('month', 'window_days.date_day') }} as date) as cost_month,
        cast({{ dbt.dateadd('month', 1, dbt.date_trunc('month', 'window_days.date_day')) }} as date)
            as next_month,
        cast({{ dbt.dateadd('day', 1, 'evaluation_window.as_of_date') }} as date) as day_after_as_of
    from window_days
    cross join evaluation_window
    where cast({{ dbt.date_trunc('month', 'window_days.date_day') }} as date) >= evaluation_window.window_first_date

),

account_open_days as (

    select
        deposit_accounts.customer_id,
        window_months.cost_month,
        sum(
            {{ dbt.datediff(
                'greatest(deposit_accounts.open_date, window_months.cost_month)',
                'least(coalesce(deposit_accounts.close_date, window_months.next_month),'
                    ~ ' window_months.next_month, window_months.day_after_as_of)',
                'day') }}
        ) as open_account_days
    from deposit_accounts
    inner join window_months
        on deposit_accounts.open_date < window_months.next_month
            and deposit_accounts.open_date < window_months.day_after_as_of
            and (deposit_accounts.close_date is null or deposit_accounts.close_date > window_months.cost_month)
    group by deposit_accounts.customer_id, window_months.cost_month

),

transactions as (

    select
        deposit_accounts.customer_id,
        account_activity.activity_month as cost_month,
        sum(account_activity.txn_count) as txn_count
    from account_activity
    inner join deposit_accounts on account_activity.account_id = deposit_accounts.account_id
    inner join window_months on account_activity.activity_month = window_months.cost_month
    group by deposit_accounts.customer_id, account_activity.activity_month

),

loan_balance_days as (

    select
        loan_months.customer_id,
        loan_months.balance_month as cost_month,
        sum(
            case
                when loans.is_on_balance or off_balance_switch.includes_off_balance
                    then loan_months.balance_days_cny
                else 0
            end
        ) as loan_balance_days_cny
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    cross join off_balance_switch
    group by loan_months.customer_id, loan_months.balance_month

),

active_months as (

    select
        customer_id,
        cost_month
    from account_open_days
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

gross_income_parts as (

    select
        customer_id,
        balance_month as cost_month,
        loan_ftp_net_income as income
    from loan_income
    union all
    select
        customer_id,
        balance_month as cost_month,
        deposit_ftp_net_income as income
    from deposit_income
    union all
    select
        customer_id,
        fee_month as cost_month,
        fee_net_income as income
    from fee_income

),

gross_income as (

    select
        customer_id,
        cost_month,
        sum(income) as gross_income
    from gross_income_parts
    group by customer_id, cost_month

),

volumes as (

    select
        customer_id,
        cost_month,
        'OPEN_ACCOUNT_DAYS' as driver_code,
        cast(open_account_days as decimal(38, 10)) as driver_volume
    from account_open_days
    union all
    select
        customer_id,
        cost_month,
        'TXN_COUNT' as driver_code,
        cast(txn_count as decimal(38, 10)) as driver_volume
    from transactions
    union all
    select
        customer_id,
        cost_month,
        'ACTIVE_CUSTOMER' as driver_code,
        cast(1 as decimal(38, 10)) as driver_volume
    from active_months
    union all
    select
        customer_id,
        cost_month,
        'LOAN_BALANCE_DAYS' as driver_code,
        cast(loan_balance_days_cny as decimal(38, 10)) as driver_volume
    from loan_balance_days
    union all
    select
        customer_id,
        cost_month,
        'GROSS_INCOME' as driver_code,
        cast(gross_income as decimal(38, 10)) as driver_volume
    from gross_income

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
