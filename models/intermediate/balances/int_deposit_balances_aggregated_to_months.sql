{#- 存款余额月汇总 The deposit balances of this as-of date's current and previous windows, aggregated to
    (account, month, FTP curve in force). Grouping by the curve in force keeps the daily FTP of demand-like
    deposits (SPEC 4.5) exact from monthly rows. Months lying wholly inside one window come from the monthly
    figures of staging (stg_bank__deposit_balances_by_month); only the months the window bounds cut are summed here
    from the daily rows of those days (DECISIONLOG H-014). -#}

with

stored_months as (

    select
        account_id,
        balance_month,
        ftp_curve_date,
        balance_days_cny,
        balance_days,
        positive_balance_days
    from {{ ref('stg_bank__deposit_balances_by_month') }}

),

deposit_balances as (

    select
        account_id,
        balance_date,
        balance,
        balance_cny
    from {{ ref('stg_bank__deposit_balances') }}
    where {{ in_date_ranges(
        'balance_date', ref('int_calendar_months_matched_to_windows'),
        'first_date_in_windows', 'last_date_in_windows', "month_source = 'DAILY_ROWS'") }}

),

accounts as (

    select
        account_id,
        customer_id
    from {{ ref('stg_bank__deposit_accounts') }}

),

curves_by_day as (

    select
        date_day,
        curve_date
    from {{ ref('base_bank__ftp_curve_daily') }}

),

window_months as (

    select
        balance_month,
        first_date_in_windows,
        last_date_in_windows,
        month_source,
        window_period
    from {{ ref('int_calendar_months_matched_to_windows') }}

),

evaluation_window as (

    select * from {{ ref('int_evaluation_window') }}

),

whole_months_from_store as (

    select
        stored_months.account_id,
        stored_months.balance_month,
        window_months.window_period,
        stored_months.ftp_curve_date,
        stored_months.balance_days_cny,
        stored_months.balance_days,
        stored_months.positive_balance_days
    from stored_months
    inner join window_months
        on stored_months.balance_month = window_months.balance_month
    where window_months.month_source = 'MONTHLY_FIGURES'

),

cut_months as (

    select
        balance_month,
        first_date_in_windows,
        last_date_in_windows
    from window_months
    where month_source = 'DAILY_ROWS'

),

daily_balances_in_cut_months as (

    select
        deposit_balances.account_id,
        cut_months.balance_month,
        case
            when deposit_balances.balance_date > evaluation_window.window_start_exclusive then 'CURRENT'
            else 'PREVIOUS'
        end as window_period,
        curves_by_day.curve_date as ftp_curve_date,
        deposit_balances.balance,
        deposit_balances.balance_cny
    from deposit_balances
    inner join cut_months
        on deposit_balances.balance_date >= cut_months.first_date_in_windows
            and deposit_balances.balance_date <= cut_months.last_date_in_windows
    cross join evaluation_window
    left join curves_by_day on deposit_balances.balance_date = curves_by_day.date_day

),

cut_months_aggregated as (

    select
        account_id,
        balance_month,
        window_period,
        ftp_curve_date,
        sum(balance_cny) as balance_days_cny,
        count(*) as balance_days,
        sum(case when balance > 0 then 1 else 0 end) as positive_balance_days
    from daily_balances_in_cut_months
    group by account_id, balance_month, window_period, ftp_curve_date

),

months_in_windows as (

    select * from whole_months_from_store
    union all
    select * from cut_months_aggregated

),

final as (

    select
        accounts.customer_id,
        months_in_windows.account_id,
        months_in_windows.balance_month,
        months_in_windows.window_period,
        months_in_windows.ftp_curve_date,
        months_in_windows.balance_days_cny,
        months_in_windows.balance_days,
        months_in_windows.positive_balance_days
    from months_in_windows
    inner join accounts on months_in_windows.account_id = accounts.account_id

)

select * from final
