{#- 增量月汇总核对 (issue 6; DECISIONLOG H-003): the window aggregates built from the incremental calendar-month
    stores equal a direct aggregation of the accepted daily balances of both windows, per (window period, month,
    five-level class) for loans and per (window period, month) for deposits: row counts and CNY balance-days to
    the last decimal (every accepted balance has an accepted parent, so no join is needed). Fails when a stored
    month went stale (raw balances restated after the month was stored): rebuild the stores with --full-refresh.
    Like assert_ftp_reconciles_to_daily_balances, a deliberate second read of the daily tables, in a test. -#}

with

evaluation_window as (

    select
        as_of_date,
        window_start_exclusive,
        previous_window_start_exclusive
    from {{ ref('int_evaluation_window') }}

),

loan_months as (

    select
        window_period,
        balance_month,
        five_level_class,
        balance_days,
        balance_days_cny
    from {{ ref('int_loan_balances_aggregated_to_months') }}

),

deposit_months as (

    select
        window_period,
        balance_month,
        balance_days,
        balance_days_cny
    from {{ ref('int_deposit_balances_aggregated_to_months') }}

),

loan_balances as (

    select
        loan_id,
        balance_date,
        balance_cny,
        five_level_class
    from {{ ref('stg_bank__loan_balances') }}

),

deposit_balances as (

    select
        account_id,
        balance_date,
        balance_cny
    from {{ ref('stg_bank__deposit_balances') }}

),

daily_loans_in_windows as (

    select
        case
            when loan_balances.balance_date > evaluation_window.window_start_exclusive then 'CURRENT'
            else 'PREVIOUS'
        end as window_period,
        cast({{ dbt.date_trunc('month', 'loan_balances.balance_date') }} as date) as balance_month,
        loan_balances.five_level_class as group_key,
        count(*) as balance_days,
        sum(loan_balances.balance_cny) as balance_days_cny
    from loan_balances
    cross join evaluation_window
    where loan_balances.balance_date > evaluation_window.previous_window_start_exclusive
        and loan_balances.balance_date <= evaluation_window.as_of_date
    group by 1, 2, 3

),

daily_deposits_in_windows as (

    select
        case
            when deposit_balances.balance_date > evaluation_window.window_start_exclusive then 'CURRENT'
            else 'PREVIOUS'
        end as window_period,
        cast({{ dbt.date_trunc('month', 'deposit_balances.balance_date') }} as date) as balance_month,
        'ALL' as group_key,
        count(*) as balance_days,
        sum(deposit_balances.balance_cny) as balance_days_cny
    from deposit_balances
    cross join evaluation_window
    where deposit_balances.balance_date > evaluation_window.previous_window_start_exclusive
        and deposit_balances.balance_date <= evaluation_window.as_of_date
    group by 1, 2, 3

),

loan_months_summed as (

    select
        window_period,
        balance_month,
        five_level_class as group_key,
        sum(balance_days) as balance_days,
        sum(balance_days_cny) as balance_days_cny
    from loan_months
    group by 1, 2, 3

),

deposit_months_summed as (

    select
        window_period,
        balance_month,
        'ALL' as group_key,
        sum(balance_days) as balance_days,
        sum(balance_days_cny) as balance_days_cny
    from deposit_months
    group by 1, 2, 3

),

loans_compared as (

    select
        'LOAN' as balance_kind,
        coalesce(daily.window_period, monthly.window_period) as window_period,
        coalesce(daily.balance_month, monthly.balance_month) as balance_month,
        coalesce(daily.group_key, monthly.group_key) as group_key,
        daily.balance_days as daily_balance_days,
        monthly.balance_days as monthly_balance_days,
        daily.balance_days_cny as daily_balance_days_cny,
        monthly.balance_days_cny as monthly_balance_days_cny
    from daily_loans_in_windows as daily
    full outer join loan_months_summed as monthly
        on daily.window_period = monthly.window_period
            and daily.balance_month = monthly.balance_month
            and coalesce(daily.group_key, '<null>') = coalesce(monthly.group_key, '<null>')
    where daily.balance_days is null
        or monthly.balance_days is null
        or daily.balance_days <> monthly.balance_days
        or daily.balance_days_cny <> monthly.balance_days_cny

),

deposits_compared as (

    select
        'DEPOSIT' as balance_kind,
        coalesce(daily.window_period, monthly.window_period) as window_period,
        coalesce(daily.balance_month, monthly.balance_month) as balance_month,
        coalesce(daily.group_key, monthly.group_key) as group_key,
        daily.balance_days as daily_balance_days,
        monthly.balance_days as monthly_balance_days,
        daily.balance_days_cny as daily_balance_days_cny,
        monthly.balance_days_cny as monthly_balance_days_cny
    from daily_deposits_in_windows as daily
    full outer join deposit_months_summed as monthly
        on daily.window_period = monthly.window_period
            and daily.balance_month = monthly.balance_month
            and coalesce(daily.group_key, '<null>') = coalesce(monthly.group_key, '<null>')
    where daily.balance_days is null
        or monthly.balance_days is null
        or daily.balance_days <> monthly.balance_days
        or daily.balance_days_cny <> monthly.balance_days_cny

),

final as (

    select * from loans_compared
    union all
    select * from deposits_compared

)

select * from final
