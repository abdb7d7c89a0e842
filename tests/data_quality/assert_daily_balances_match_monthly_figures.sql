{#- 日月一致 The daily balance views (stg_bank__loan_balances, stg_bank__deposit_balances: accepted daily rows derived
    from the raw files and the rejected keys) agree with the monthly figures of staging (stg_bank__*_balances_by_month)
    on the month of the as-of date: per loan and five-level class, and per account and FTP curve, the same days and
    CNY balance-days (DECISIONLOG H-014). The as-of date and the days a window cuts are read from the daily views,
    so they must accept exactly what the base models accepted. Reads one month of the raw files. -#}
{%- set as_of_month_query -%}
    balance_month = (
        select cast({{ dbt.date_trunc('month', 'as_of_date') }} as date) from {{ ref('int_evaluation_window') }}
    )
{%- endset -%}

with

as_of_month as (

    select cast({{ dbt.date_trunc('month', 'as_of_date') }} as date) as balance_month
    from {{ ref('int_evaluation_window') }}

),

curves_by_day as (

    select
        date_day,
        curve_date
    from {{ ref('base_bank__ftp_curve_daily') }}

),

daily_loans as (

    select
        'loan_balances' as source_table,
        loan_balances.loan_id as key_id,
        loan_balances.five_level_class as group_value,
        count(*) as balance_days,
        sum(loan_balances.balance_cny) as balance_days_cny
    from {{ ref('stg_bank__loan_balances') }} as loan_balances
    where {{ in_date_ranges(
        'loan_balances.balance_date', ref('int_calendar_months_matched_to_windows'),
        'balance_month', 'month_last_date', as_of_month_query) }}
    group by loan_balances.loan_id, loan_balances.five_level_class

),

daily_deposits as (

    select
        'deposit_balances' as source_table,
        deposit_balances.account_id as key_id,
        cast(curves_by_day.curve_date as {{ dbt.type_string() }}) as group_value,
        count(*) as balance_days,
        sum(deposit_balances.balance_cny) as balance_days_cny
    from {{ ref('stg_bank__deposit_balances') }} as deposit_balances
    left join curves_by_day on deposit_balances.balance_date = curves_by_day.date_day
    where {{ in_date_ranges(
        'deposit_balances.balance_date', ref('int_calendar_months_matched_to_windows'),
        'balance_month', 'month_last_date', as_of_month_query) }}
    group by deposit_balances.account_id, curves_by_day.curve_date

),

monthly_loans as (

    select
        'loan_balances' as source_table,
        loan_id as key_id,
        five_level_class as group_value,
        balance_days,
        balance_days_cny
    from {{ ref('stg_bank__loan_balances_by_month') }}
    where balance_month = (select balance_month from as_of_month)

),

monthly_deposits as (

    select
        'deposit_balances' as source_table,
        account_id as key_id,
        cast(ftp_curve_date as {{ dbt.type_string() }}) as group_value,
        balance_days,
        balance_days_cny
    from {{ ref('stg_bank__deposit_balances_by_month') }}
    where balance_month = (select balance_month from as_of_month)

),

daily as (

    select * from daily_loans
    union all
    select * from daily_deposits

),

monthly as (

    select * from monthly_loans
    union all
    select * from monthly_deposits

),

final as (

    select
        coalesce(daily.source_table, monthly.source_table) as source_table,
        coalesce(daily.key_id, monthly.key_id) as key_id,
        coalesce(daily.group_value, monthly.group_value) as group_value,
        daily.balance_days as daily_balance_days,
        monthly.balance_days as monthly_balance_days,
        daily.balance_days_cny as daily_balance_days_cny,
        monthly.balance_days_cny as monthly_balance_days_cny
    from daily
    full outer join monthly
        on daily.source_table = monthly.source_table
            and daily.key_id = monthly.key_id
            and daily.group_value is not distinct from monthly.group_value

)

select * from final
where daily_balance_days is distinct from monthly_balance_days
    or daily_balance_days_cny is distinct from monthly_balance_days_cny
