{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='validation_batch',
        on_schema_change='fail',
    )
}}
{#- Every raw deposit balance once, converted to CNY at the rate in force on the balance date. A balance
    on a day the account is not open (open_date <= d < close_date) is rejected; demand-like balances dated
    before the first FTP curve have no FTP rate (MISSING_FTP). SPEC 8.
    Month-incremental (DECISIONLOG H-008): rows are kept per validation_batch (calendar month of balance_date);
    a build validates from the raw files only the months that are new or whose raw rows changed, re-checks the
    stored rows of the other months against today's accounts, FX rates and parameters, and writes again only
    the months where that changes a reason or a CNY amount (delete+insert on validation_batch; Spark, not built yet
    (H-013): insert_overwrite partitioned by validation_batch). -#}
{%- set key_columns = ['account_id', 'balance_date'] -%}
{%- set content_columns = ['account_id', 'balance_date', 'balance'] -%}
{#- The checks, in precedence order, and the tables they read (context_ctes, context_joins): applied to the rows
    validated and, before an incremental build, to the stored rows being checked again (both `balance_row`). -#}
{%- set checks = [
    ['balance_row.account_id is null or balance_row.balance_date is null', 'NULL_KEY'],
    ['balance_row._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
    ['balance_row._key_copy_number > 1', 'DUPLICATE'],
    ['balance_row.is_uncastable', 'INVALID_VALUE'],
    ['account_context.account_id is null', 'ORPHAN_ACCOUNT'],
    ['not account_context.is_parent_accepted', 'PARENT_REJECTED'],
    ['balance_row.balance_date < '
        ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
        ~ ' or balance_row.balance_date > '
        ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
        'DATE_OUT_OF_RANGE'],
    ['balance_row.balance_date < account_context.open_date'
        ~ ' or balance_row.balance_date >= account_context.close_date', 'OUTSIDE_ACCOUNT_LIFE'],
    ['balance_row.balance is null or balance_row.balance < 0', 'NEGATIVE_AMOUNT'],
    [is_fx_missing('account_context.currency'), 'MISSING_FX'],
    [to_cny('balance_row.balance', 'account_context.currency') ~ ' > '
        ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
    ["account_context.product_code <> 'TIME'"
        ~ ' and balance_row.balance_date < ftp_curve_start.first_curve_date', 'MISSING_FTP'],
] -%}
{%- set context_ctes -%}
accounts as (

    {{ parent_keys('base_bank__deposit_accounts', 'account_id') }}

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
        accounts.account_id,
        accounts.is_parent_accepted,
        accepted_accounts.currency,
        accepted_accounts.product_code,
        accepted_accounts.open_date,
        accepted_accounts.close_date
    from accounts
    left join accepted_accounts on accounts.account_id = accepted_accounts.account_id

),

ftp_curve_start as (

    select min(curve_date) as first_curve_date from {{ ref('stg_bank__ftp_curve') }}

),

fx_rates_daily as (

    select
        currency,
        rate_date,
        cny_per_unit
    from {{ ref('base_bank__fx_rates_daily') }}

)
{%- endset -%}
{%- set context_joins -%}
    cross join ftp_curve_start
    left join account_context on balance_row.account_id = account_context.account_id
    left join fx_rates_daily as fx
        on account_context.currency = fx.currency and balance_row.balance_date = fx.rate_date
{%- endset -%}
{%- set typed_rows -%}
    select
        {{ batch_month(dbt.safe_cast('balance_date', 'date')) }} as batch_month,
        trim(cast(account_id as {{ dbt.type_string() }})) as account_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ is_inexact_amount('balance') }}
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from {{ source('bank', 'deposit_balances') }}
{%- endset -%}
{#- The months this build validates are decided first (H-008); the chain ends in rows_to_validate. -#}

with

{{ month_validation_ctes(
    context_ctes, context_joins, typed_rows, checks,
    currency='account_context.currency',
    key_columns=key_columns,
    content_columns=content_columns,
    value_columns=content_columns,
) }},

final as (

    select
        balance_row.validation_batch,
        balance_row.account_id,
        balance_row.balance_date,
        balance_row.balance,
        {{ to_cny('balance_row.balance', 'account_context.currency') }} as balance_cny,
        balance_row.is_uncastable,
        balance_row.account_id || '|' || cast(balance_row.balance_date as {{ dbt.type_string() }}) as row_key,
        cast(balance_row.balance as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason(checks) }} as rejection_reason
    from rows_to_validate as balance_row
    {{ context_joins }}

)

select * from final
