{#- 增量月汇总核对 (issue 6; DECISIONLOG H-003, H-010): the window aggregates built from the incremental calendar-month
    stores equal a direct aggregation of the accepted daily balances of both windows, per (window period, month,
    loan, five-level class) for loans and per (window period, month, account) for deposits: row counts, days with
    a balance > 0 and CNY balance-days to the last decimal (every accepted balance has an accepted parent, so no
    join is needed). Per loan and account, so that a stale stored month shows even when its totals still agree (a
    balance moved from one account to another). Fails when a stored month went stale: rebuild the stores with
    --full-refresh. Like assert_ftp_reconciles_to_daily_balances, a deliberate second read of the daily tables, in
    a test. -#}

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
        loan_id,
        five_level_class,
        balance_days,
        positive_balance_days,
        balance_days_cny
    from {{ ref('int_loan_balances_aggregated_to_months') }}

),

deposit_months as (

    select
        window_period,
        balance_month,
        account_id,
        balance_days,
        positive_balance_days,
        balance_days_cny
    from {{ ref('int_deposit_balances_aggregated_to_months') }}

),

loan_balances as (

    select
        loan_id,
        balance_date,
        balance,
        balance_cny,
        five_level_class
    from {{ ref('stg_bank__loan_balances') }}

),

deposit_balances as (

    select
        account_id,
        balance_date,
        balance,
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
        loan_balances.loan_id as balance_key,
        loan_balances.five_level_class as group_key,
        count(*) as balance_days,
        sum(case when loan_balances.balance > 0 then 1 else 0 end) as positive_balance_days,
        sum(loan_balances.balance_cny) as balance_days_cny
    from loan_balances
    cross join evaluation_window
    where loan_balances.balance_date > evaluation_window.previous_window_start_exclusive
        and loan_balances.balance_date <= evaluation_window.as_of_date
    group by 1, 2, 3, 4

),

daily_deposits_in_windows as (

    select
        case
            when deposit_balances.balance_date > evaluation_window.window_start_exclusive then 'CURRENT'
            else 'PREVIOUS'
        end as window_period,
        cast({{ dbt.date_trunc('month', 'deposit_balances.balance_date') }} as date) as balance_month,
        deposit_balances.account_id as balance_key,
        'ALL' as group_key,
        count(*) as balance_days,
        sum(case when deposit_balances.balance > 0 then 1 else 0 end) as positive_balance_days,
        sum(deposit_balances.balance_cny) as balance_days_cny
    from deposit_balances
    cross join evaluation_window
    where deposit_balances.balance_date > evaluation_window.previous_window_start_exclusive
        and deposit_balances.balance_date <= evaluation_window.as_of_date
    group by 1, 2, 3, 4

),

loan_months_summed as (

    select
        window_period,
        balance_month,
        loan_id as balance_key,
        five_level_class as group_key,
        sum(balance_days) as balance_days,
        sum(positive_balance_days) as positive_balance_days,
        sum(balance_days_cny) as balance_days_cny
    from loan_months
    group by 1, 2, 3, 4

),

deposit_months_summed as (

    select
        window_period,
        balance_month,
        account_id as balance_key,
        'ALL' as group_key,
        sum(balance_days) as balance_days,
        sum(positive_balance_days) as positive_balance_days,
        sum(balance_days_cny) as balance_days_cny
    from deposit_months
    group by 1, 2, 3, 4

),

daily_in_windows as (

    select
        'LOAN' as balance_kind,
        *
    from daily_loans_in_windows
    union all
    select
        'DEPOSIT' as balance_kind,
        *
    from daily_deposits_in_windows

),

months_summed as (

    select
        'LOAN' as balance_kind,
        *
    from loan_months_summed
    union all
    select
        'DEPOSIT' as balance_kind,
        *
    from deposit_months_summed

),

final as (

    select
        coalesce(daily.balance_kind, monthly.balance_kind) as balance_kind,
        coalesce(daily.window_period, monthly.window_period) as window_period,
        coalesce(daily.balance_month, monthly.balance_month) as balance_month,
        coalesce(daily.balance_key, monthly.balance_key) as balance_key,
        coalesce(daily.group_key, monthly.group_key) as group_key,
        daily.balance_days as daily_balance_days,
        monthly.balance_days as monthly_balance_days,
        daily.positive_balance_days as daily_positive_balance_days,
        monthly.positive_balance_days as monthly_positive_balance_days,
        daily.balance_days_cny as daily_balance_days_cny,
        monthly.balance_days_cny as monthly_balance_days_cny
    from daily_in_windows as daily
    full outer join months_summed as monthly
        on daily.balance_kind = monthly.balance_kind
            and daily.window_period = monthly.window_period
            and daily.balance_month = monthly.balance_month
            and daily.balance_key = monthly.balance_key
            and coalesce(daily.group_key, '<null>') = coalesce(monthly.group_key, '<null>')
    where daily.balance_days is null
        or monthly.balance_days is null
        or daily.balance_days <> monthly.balance_days
        or daily.positive_balance_days <> monthly.positive_balance_days
        or daily.balance_days_cny <> monthly.balance_days_cny

)

select * from final
