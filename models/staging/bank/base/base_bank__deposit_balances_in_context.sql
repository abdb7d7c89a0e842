{{ config(materialized='view') }}
{#- 存款日终余额(含校验上下文) Every raw deposit balance, typed, with its month and everything the checks of
    base_bank__deposit_balances read about it: its account (known to the extract, accepted, currency, product,
    open and close dates), the FX rate and the FTP curve in force on its date, its amount in CNY, and
    row_fingerprint, a hash of all of it and of the data-quality parameters. A view over the raw files:
    base_bank__deposit_balances reads it one month at a time; on a build into an existing table the
    materialization `batched` first sums row_fingerprint per month over all of it, to find the months whose inputs
    changed (DECISIONLOG H-014). -#}

with

raw_balances as (

    select * from {{ ref('base_bank__deposit_balances_typed') }}

),

account_rows as (

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

account_context as (

    select
        account_rows.account_id,
        account_rows.is_account_accepted,
        accepted_accounts.currency,
        accepted_accounts.product_code,
        accepted_accounts.open_date,
        accepted_accounts.close_date,
        {{ row_fingerprint([
            'account_rows.is_account_accepted', 'accepted_accounts.currency', 'accepted_accounts.product_code',
            'accepted_accounts.open_date', 'accepted_accounts.close_date',
        ]) }} as account_fingerprint
    from account_rows
    left join accepted_accounts on account_rows.account_id = accepted_accounts.account_id

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

data_quality_parameters as (

    select
        {{ row_fingerprint(['absurd_amount_cny', 'earliest_valid_date', 'latest_valid_date']) }}
            as parameters_fingerprint
    from {{ ref('stg_policy__data_quality_parameters') }}

),

account_currencies as (

    select distinct currency from accepted_accounts

),

day_context as (

    {#- The FX rate and the FTP curve in force on every day, for every currency an account holds: one join per
        balance instead of two. -#}
    select
        currencies.currency,
        ftp_curve_daily.date_day,
        fx_rates_daily.cny_per_unit,
        ftp_curve_daily.curve_date as ftp_curve_date,
        {{ row_fingerprint(['fx_rates_daily.cny_per_unit', 'ftp_curve_daily.curve_date']) }} as day_fingerprint
    from ftp_curve_daily
    cross join account_currencies as currencies
    left join fx_rates_daily
        on currencies.currency = fx_rates_daily.currency and ftp_curve_daily.date_day = fx_rates_daily.rate_date

),

final as (

    select
        cast({{ dbt.date_trunc('month', 'raw_balances.balance_date') }} as date) as balance_month,
        raw_balances.account_id,
        raw_balances.balance_date,
        raw_balances.balance,
        raw_balances.is_uncastable,
        account_context.account_id is not null as is_account_known,
        coalesce(account_context.is_account_accepted, false) as is_account_accepted,
        account_context.currency,
        account_context.product_code,
        account_context.open_date,
        account_context.close_date,
        day_context.cny_per_unit,
        {{ to_cny('raw_balances.balance', 'account_context.currency', fx_alias='day_context') }} as balance_cny,
        day_context.ftp_curve_date,
        {{ row_fingerprint([
            'raw_balances.account_id', 'raw_balances.balance_date', 'raw_balances.balance',
            'raw_balances.is_uncastable', 'account_context.account_fingerprint', 'day_context.day_fingerprint',
            'data_quality_parameters.parameters_fingerprint',
        ]) }} as row_fingerprint
    from raw_balances
    cross join data_quality_parameters
    left join account_context on raw_balances.account_id = account_context.account_id
    left join day_context
        on account_context.currency = day_context.currency and raw_balances.balance_date = day_context.date_day

)

select * from final
