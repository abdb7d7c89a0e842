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
    the months where that changes a reason or a CNY amount (delete+insert on validation_batch; Spark:
    insert_overwrite partitioned by validation_batch). -#}
{%- set key_columns = ['account_id', 'balance_date'] -%}
{%- set content_columns = ['account_id', 'balance_date', 'balance'] -%}

with

source as (

    select * from {{ source('bank', 'deposit_balances') }}

),

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

ftp_curve_start as (

    select min(curve_date) as first_curve_date from {{ ref('stg_bank__ftp_curve') }}

),

fx_rates_daily as (

    select
        currency,
        rate_date,
        cny_per_unit
    from {{ ref('base_bank__fx_rates_daily') }}

),

typed_values as (

    select
        trim(cast(account_id as {{ dbt.type_string() }})) as account_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        balance is not null and {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} is null
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from source

),

typed as (

    select
        {{ validation_batch('balance_date') }} as validation_batch,
        *
    from typed_values

),

{{ raw_rows_of_changed_batches('typed', content_columns + ['is_uncastable']) }},

{{ mark_duplicates('raw_rows_to_validate', key_columns, content_columns) }},

rows_to_validate as (

    {{ rows_to_validate(content_columns) }}

),

validated as (

    select
        rows_to_validate.validation_batch,
        rows_to_validate.account_id,
        rows_to_validate.balance_date,
        rows_to_validate.balance,
        {{ to_cny('rows_to_validate.balance', 'accepted_accounts.currency') }} as balance_cny,
        rows_to_validate.is_uncastable,
        rows_to_validate.account_id || '|' || cast(rows_to_validate.balance_date as {{ dbt.type_string() }})
            as row_key,
        cast(rows_to_validate.balance as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['rows_to_validate.account_id is null or rows_to_validate.balance_date is null', 'NULL_KEY'],
            ['rows_to_validate._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['rows_to_validate._key_copy_number > 1', 'DUPLICATE'],
            ['rows_to_validate.is_uncastable', 'INVALID_VALUE'],
            ['accounts.account_id is null', 'ORPHAN_ACCOUNT'],
            ['not accounts.is_parent_accepted', 'PARENT_REJECTED'],
            ['rows_to_validate.balance_date < '
                ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
                ~ ' or rows_to_validate.balance_date > '
                ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
                'DATE_OUT_OF_RANGE'],
            ['rows_to_validate.balance_date < accepted_accounts.open_date'
                ~ ' or rows_to_validate.balance_date >= accepted_accounts.close_date', 'OUTSIDE_ACCOUNT_LIFE'],
            ['rows_to_validate.balance is null or rows_to_validate.balance < 0', 'NEGATIVE_AMOUNT'],
            [is_fx_missing('accepted_accounts.currency'), 'MISSING_FX'],
            [to_cny('rows_to_validate.balance', 'accepted_accounts.currency') ~ ' > '
                ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
            ["accepted_accounts.product_code <> 'TIME'"
                ~ ' and rows_to_validate.balance_date < ftp_curve_start.first_curve_date', 'MISSING_FTP'],
        ]) }} as rejection_reason,
        rows_to_validate.is_stored,
        rows_to_validate.stored_rejection_reason,
        rows_to_validate.stored_balance_cny
    from rows_to_validate
    cross join ftp_curve_start
    left join accounts on rows_to_validate.account_id = accounts.account_id
    left join accepted_accounts on rows_to_validate.account_id = accepted_accounts.account_id
    left join fx_rates_daily as fx
        on accepted_accounts.currency = fx.currency and rows_to_validate.balance_date = fx.rate_date

),

{{ validated_rows_to_write('validated') }},

final as (

    select
        validation_batch,
        account_id,
        balance_date,
        balance,
        balance_cny,
        is_uncastable,
        row_key,
        reconciliation_amount,
        rejection_reason
    from validated_rows_to_write

)

select * from final
