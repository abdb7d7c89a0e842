{#- 存款余额月汇总 The one scan of the daily deposit balances for this as-of date: accepted balances dated in the
    current or previous window, aggregated to (account, month, FTP curve in force). Grouping by the curve in
    force keeps the daily FTP of demand-like deposits (SPEC 4.5) exact from monthly rows. -#}

with

deposit_balances as (

    select
        account_id,
        balance_date,
        balance,
        balance_cny
    from {{ ref('stg_bank__deposit_balances') }}

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
    from {{ ref('int_ftp_curves_in_force_by_day') }}

),

evaluation_window as (

    select * from {{ ref('int_evaluation_window') }}

),

balances_in_windows as (

    select
        accounts.customer_id,
        deposit_balances.account_id,
        cast({{ dbt.date_trunc('month', 'deposit_balances.balance_date') }} as date) as balance_month,
        case
            when deposit_balances.balance_date > evaluation_window.window_start_exclusive then 'CURRENT'
            else 'PREVIOUS'
        end as window_period,
        curves_by_day.curve_date as ftp_curve_date,
        deposit_balances.balance,
        deposit_balances.balance_cny
    from deposit_balances
    inner join accounts on deposit_balances.account_id = accounts.account_id
    cross join evaluation_window
    left join curves_by_day on deposit_balances.balance_date = curves_by_day.date_day
    where deposit_balances.balance_date > evaluation_window.previous_window_start_exclusive
        and deposit_balances.balance_date <= evaluation_window.as_of_date

),

final as (

    select
        customer_id,
        account_id,
        balance_month,
        window_period,
        ftp_curve_date,
        sum(balance_cny) as balance_days_cny,
        count(*) as balance_days,
        sum(case when balance > 0 then 1 else 0 end) as positive_balance_days
    from balances_in_windows
    group by customer_id, account_id, balance_month, window_period, ftp_curve_date

)

select * from final
