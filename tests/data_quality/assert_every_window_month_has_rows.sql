{#- 月份齐全 Every calendar month of the evaluation window has accepted rows in each monthly-delivered table that the
    averages and the cost allocation sum: deposit and loan balances, cost pools and account activity (SPEC 4.1, 4.5,
    4.6). A month missing from the extract would otherwise lower every average balance and the allocated cost by
    its share, with no rejected row to show it (DECISIONLOG Q-016). A table with no accepted rows at all is left to
    preflight and the rejected-share tests. One row per table and missing month. -#}

with

evaluation_window as (

    select window_start_exclusive from {{ ref('int_evaluation_window') }}

),

calendar_months as (

    select
        balance_month,
        last_date_in_windows
    from {{ ref('int_calendar_months_matched_to_windows') }}

),

deposit_balances as (

    select balance_month from {{ ref('stg_bank__deposit_balances_by_month') }}

),

loan_balances as (

    select balance_month from {{ ref('stg_bank__loan_balances_by_month') }}

),

cost_pools as (

    select cost_month from {{ ref('stg_bank__cost_pools') }}

),

account_activity as (

    select activity_month from {{ ref('stg_bank__account_activity') }}

),

window_months as (

    select calendar_months.balance_month
    from calendar_months
    cross join evaluation_window
    where calendar_months.last_date_in_windows > evaluation_window.window_start_exclusive

),

months_with_rows as (

    select distinct
        'deposit_balances' as source_table,
        balance_month as data_month
    from deposit_balances
    union all
    select distinct
        'loan_balances' as source_table,
        balance_month as data_month
    from loan_balances
    union all
    select distinct
        'cost_pools' as source_table,
        cost_month as data_month
    from cost_pools
    union all
    select distinct
        'account_activity' as source_table,
        activity_month as data_month
    from account_activity

),

tables_with_rows as (

    select distinct source_table from months_with_rows

),

final as (

    select
        tables_with_rows.source_table,
        window_months.balance_month as missing_month
    from tables_with_rows
    cross join window_months
    left join months_with_rows
        on
            tables_with_rows.source_table = months_with_rows.source_table
            and window_months.balance_month = months_with_rows.data_month
    where months_with_rows.data_month is null

)

select * from final
