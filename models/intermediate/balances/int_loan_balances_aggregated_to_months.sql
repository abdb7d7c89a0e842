{#- 贷款余额月汇总 The one scan of the daily loan balances for this as-of date (SPEC 4.1, issue 4 "Performance"):
    accepted balances dated in the current or previous window, aggregated to (loan, month, five-level class).
    Sums of daily CNY balances ("balance-days") are exact decimals, so ACT/360 accruals downstream are
    sum * rate / 360 without touching the daily rows again. -#}

with

loan_balances as (

    select
        loan_id,
        balance_date,
        balance,
        balance_cny,
        five_level_class
    from {{ ref('stg_bank__loan_balances') }}

),

loans as (

    select
        loan_id,
        customer_id
    from {{ ref('stg_bank__loans') }}

),

evaluation_window as (

    select * from {{ ref('int_evaluation_window') }}

),

balances_in_windows as (

    select
        loans.customer_id,
        loan_balances.loan_id,
        cast({{ dbt.date_trunc('month', 'loan_balances.balance_date') }} as date) as balance_month,
        case
            when loan_balances.balance_date > evaluation_window.window_start_exclusive then 'CURRENT'
            else 'PREVIOUS'
        end as window_period,
        loan_balances.five_level_class,
        loan_balances.balance,
        loan_balances.balance_cny
    from loan_balances
    inner join loans on loan_balances.loan_id = loans.loan_id
    cross join evaluation_window
    where loan_balances.balance_date > evaluation_window.previous_window_start_exclusive
        and loan_balances.balance_date <= evaluation_window.as_of_date

),

final as (

    select
        customer_id,
        loan_id,
        balance_month,
        window_period,
        five_level_class,
        sum(balance_cny) as balance_days_cny,
        count(*) as balance_days,
        sum(case when balance > 0 then 1 else 0 end) as positive_balance_days
    from balances_in_windows
    group by customer_id, loan_id, balance_month, window_period, five_level_class

)

select * from final
