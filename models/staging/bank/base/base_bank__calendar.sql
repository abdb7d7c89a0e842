{#- 日历 Every calendar day from the earliest valid date (data-quality parameter) to the last date any raw balance,
    fee or FX rate is dated, not after the latest valid date: the days on which the FX rate and the FTP curve in
    force are looked up (base_bank__fx_rates_daily, base_bank__ftp_curve_daily). Reads only the date column of
    each raw table. -#}

with

data_quality_parameters as (

    select
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

fx_rate_dates as (

    select max({{ dbt.safe_cast('rate_date', 'date') }}) as last_date from {{ source('bank', 'fx_rates') }}

),

loan_balance_dates as (

    select max({{ dbt.safe_cast('balance_date', 'date') }}) as last_date from {{ source('bank', 'loan_balances') }}

),

deposit_balance_dates as (

    select max({{ dbt.safe_cast('balance_date', 'date') }}) as last_date from {{ source('bank', 'deposit_balances') }}

),

fee_dates as (

    select max({{ dbt.safe_cast('fee_date', 'date') }}) as last_date from {{ source('bank', 'fees') }}

),

last_dates as (

    select last_date from fx_rate_dates
    union all
    select last_date from loan_balance_dates
    union all
    select last_date from deposit_balance_dates
    union all
    select last_date from fee_dates

),

last_needed_date as (

    select max(last_dates.last_date) as last_date
    from last_dates
    cross join data_quality_parameters
    where last_dates.last_date <= data_quality_parameters.latest_valid_date

),

final as (

    {{ date_spine(
        '(select earliest_valid_date from data_quality_parameters)',
        '(select last_date from last_needed_date)') }}

)

select * from final
