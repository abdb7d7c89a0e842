{#- 贷款余额月汇总 The loan balances of this as-of date's current and previous windows (SPEC 4.1, issue 4
    "Performance"), aggregated to (loan, month, five-level class). Sums of daily CNY balances ("balance-days") are
    exact decimals, so ACT/360 accruals downstream are sum * rate / 360 without touching the daily rows again.
    Months lying wholly inside one window come from the monthly figures of staging (stg_bank__loan_balances_by_month);
    only the months the window bounds cut are summed here from the daily rows of those days (DECISIONLOG H-014). -#}

with

stored_months as (

    select
        loan_id,
        balance_month,
        five_level_class,
        balance_days_cny,
        balance_days,
        positive_balance_days
    from {{ ref('stg_bank__loan_balances_by_month') }}

),

loan_balances as (

    select
        loan_id,
        balance_date,
        balance,
        balance_cny,
        five_level_class
    from {{ ref('stg_bank__loan_balances') }}
    where {{ in_date_ranges(
        'balance_date', ref('int_calendar_months_matched_to_windows'),
        'first_date_in_windows', 'last_date_in_windows', "month_source = 'DAILY_ROWS'") }}

),

loans as (

    select
        loan_id,
        customer_id
    from {{ ref('stg_bank__loans') }}

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
        stored_months.loan_id,
        stored_months.balance_month,
        window_months.window_period,
        stored_months.five_level_class,
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
        loan_balances.loan_id,
        cut_months.balance_month,
        case
            when loan_balances.balance_date > evaluation_window.window_start_exclusive then 'CURRENT'
            else 'PREVIOUS'
        end as window_period,
        loan_balances.five_level_class,
        loan_balances.balance,
        loan_balances.balance_cny
    from loan_balances
    inner join cut_months
        on loan_balances.balance_date >= cut_months.first_date_in_windows
            and loan_balances.balance_date <= cut_months.last_date_in_windows
    cross join evaluation_window

),

cut_months_aggregated as (

    select
        loan_id,
        balance_month,
        window_period,
        five_level_class,
        sum(balance_cny) as balance_days_cny,
        count(*) as balance_days,
        sum(case when balance > 0 then 1 else 0 end) as positive_balance_days
    from daily_balances_in_cut_months
    group by loan_id, balance_month, window_period, five_level_class

),

months_in_windows as (

    select * from whole_months_from_store
    union all
    select * from cut_months_aggregated

),

final as (

    select
        loans.customer_id,
        months_in_windows.loan_id,
        months_in_windows.balance_month,
        months_in_windows.window_period,
        months_in_windows.five_level_class,
        months_in_windows.balance_days_cny,
        months_in_windows.balance_days,
        months_in_windows.positive_balance_days
    from months_in_windows
    inner join loans on months_in_windows.loan_id = loans.loan_id

)

select * from final
