{#- 账户使用 How much each existing or former customer used its deposit accounts in each month of the window whose
    first day is in the window (SPEC 4.5 and 8), one row per (customer_id, usage_month) with an open day or a
    transaction: open_account_days = the days its accounts were open in the month (open_date <= d < close_date,
    d <= as_of_date); txn_count = account_activity.txn_count of the month. The OPEN_ACCOUNT_DAYS and TXN_COUNT cost
    drivers and the activity indicator of bank value read it. -#}

with

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

calendar_months as (

    select balance_month from {{ ref('int_calendar_months_matched_to_windows') }}

),

evaluation_window as (

    select
        as_of_date,
        window_first_date
    from {{ ref('int_evaluation_window') }}

),

window_months as (

    {#- usage_end: the first day after the month, or after as_of_date when that comes first. -#}
    select
        calendar_months.balance_month as usage_month,
        least(
            cast({{ dbt.dateadd('month', 1, 'calendar_months.balance_month') }} as date),
            cast({{ dbt.dateadd('day', 1, 'evaluation_window.as_of_date') }} as date)
        ) as usage_end
    from calendar_months
    cross join evaluation_window
    where calendar_months.balance_month >= evaluation_window.window_first_date

),

open_days as (

    select
        deposit_accounts.customer_id,
        window_months.usage_month,
        sum(
            {{ dbt.datediff(
                'greatest(deposit_accounts.open_date, window_months.usage_month)',
                'least(coalesce(deposit_accounts.close_date, window_months.usage_end), window_months.usage_end)',
                'day') }}
        ) as open_account_days
    from deposit_accounts
    inner join window_months
        on deposit_accounts.open_date < window_months.usage_end
            and (deposit_accounts.close_date is null or deposit_accounts.close_date > window_months.usage_month)
    group by deposit_accounts.customer_id, window_months.usage_month

),

transactions as (

    select
        deposit_accounts.customer_id,
        account_activity.activity_month as usage_month,
        sum(account_activity.txn_count) as txn_count
    from account_activity
    inner join deposit_accounts on account_activity.account_id = deposit_accounts.account_id
    inner join window_months on account_activity.activity_month = window_months.usage_month
    group by deposit_accounts.customer_id, account_activity.activity_month

),

final as (

    select
        coalesce(open_days.customer_id, transactions.customer_id) as customer_id,
        coalesce(open_days.usage_month, transactions.usage_month) as usage_month,
        coalesce(open_days.open_account_days, 0) as open_account_days,
        coalesce(transactions.txn_count, 0) as txn_count
    from open_days
    full outer join transactions
        on open_days.customer_id = transactions.customer_id
            and open_days.usage_month = transactions.usage_month

)

select * from final
