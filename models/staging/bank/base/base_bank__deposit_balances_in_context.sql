{{ config(materialized='view') }}
{#- 存款日终余额(含校验上下文) Every raw deposit balance, typed, with its month batch and everything the checks of
    base_bank__deposit_balances read about it: its account (known to the extract, accepted, currency, product,
    open and close dates), the FX rate and the FTP curve in force on its date, and its amount in CNY. A view over
    the raw files: base_bank__deposit_balances_batches reads it whole (one scan per build) and
    base_bank__deposit_balances one month at a time (DECISIONLOG H-014). -#}

with

raw_balances as (

    select
        trim(cast(account_id as {{ dbt.type_string() }})) as account_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ is_inexact_amount('balance') }}
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from {{ source('bank', 'deposit_balances') }}

),

account_keys as (

    select
        account_id,
        max(case when rejection_reason is null then 1 else 0 end) = 1 as is_account_accepted
    from {{ ref('base_bank__deposit_accounts') }}
    where account_id is not null
    group by account_id

),

accepted_accounts as (

    select
        account_id,
        currency,
        product_code,
        open_date,
        close_date
    from {{ ref('stg_bank__deposit_accounts') }}

),

fx_rates_daily as (

    select
        currency,
        rate_date,
        cny_per_unit
    from {{ ref('base_bank__fx_rates_daily') }}

),

ftp_curve_daily as (

    select
        date_day,
        curve_date
    from {{ ref('base_bank__ftp_curve_daily') }}

),

final as (

    select
        {{ month_batch('raw_balances.balance_date') }} as validation_batch,
        raw_balances.account_id,
        raw_balances.balance_date,
        raw_balances.balance,
        raw_balances.is_uncastable,
        account_keys.account_id is not null as is_account_known,
        coalesce(account_keys.is_account_accepted, false) as is_account_accepted,
        accepted_accounts.currency,
        accepted_accounts.product_code,
        accepted_accounts.open_date,
        accepted_accounts.close_date,
        fx.cny_per_unit,
        {{ to_cny('raw_balances.balance', 'accepted_accounts.currency') }} as balance_cny,
        ftp_curve_daily.curve_date as ftp_curve_date
    from raw_balances
    left join account_keys on raw_balances.account_id = account_keys.account_id
    left join accepted_accounts on raw_balances.account_id = accepted_accounts.account_id
    left join fx_rates_daily as fx
        on accepted_accounts.currency = fx.currency and raw_balances.balance_date = fx.rate_date
    left join ftp_curve_daily on raw_balances.balance_date = ftp_curve_daily.date_day

)

select * from final
