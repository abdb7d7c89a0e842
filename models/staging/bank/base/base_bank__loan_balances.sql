{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='validation_batch',
        on_schema_change='fail',
    )
}}
{#- Every raw loan balance once, converted to CNY at the rate in force on the balance date. A balance
    dated before the loan starts is outside the loan's life (rejected); one after maturity is an overdue
    loan and is kept (DECISIONLOG D-008).
    Month-incremental (DECISIONLOG H-008): rows are kept per validation_batch (calendar month of balance_date);
    a build validates from the raw files only the months that are new or whose raw rows changed, re-checks the
    stored rows of the other months against today's loans, FX rates, codes and parameters, and writes again only
    the months where that changes a reason or a CNY amount (delete+insert on validation_batch; Spark:
    insert_overwrite partitioned by validation_batch). -#}
{%- set key_columns = ['loan_id', 'balance_date'] -%}
{%- set content_columns = ['loan_id', 'balance_date', 'balance', 'five_level_class'] -%}

with

source as (

    select * from {{ source('bank', 'loan_balances') }}

),

loans as (

    {{ parent_keys('base_bank__loans', 'loan_id') }}

),

accepted_loans as (

    select
        loan_id,
        currency,
        start_date,
        maturity_date
    from {{ ref('stg_bank__loans') }}

),

five_level_classes as (

    select code from {{ ref('reference_codes') }}
    where code_set = 'five_level_class'

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
        trim(cast(loan_id as {{ dbt.type_string() }})) as loan_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ clean_code('five_level_class') }} as five_level_class,
        {{ is_code_repaired('five_level_class') }} as is_code_repaired,
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

{{ raw_rows_of_changed_batches('typed', content_columns + ['is_code_repaired', 'is_uncastable']) }},

{{ mark_duplicates('raw_rows_to_validate', key_columns, content_columns) }},

rows_to_validate as (

    {{ rows_to_validate(content_columns + ['is_code_repaired']) }}

),

validated as (

    select
        rows_to_validate.validation_batch,
        rows_to_validate.loan_id,
        rows_to_validate.balance_date,
        rows_to_validate.balance,
        {{ to_cny('rows_to_validate.balance', 'accepted_loans.currency') }} as balance_cny,
        rows_to_validate.five_level_class,
        rows_to_validate.is_code_repaired,
        rows_to_validate.is_uncastable,
        rows_to_validate.loan_id || '|' || cast(rows_to_validate.balance_date as {{ dbt.type_string() }})
            as row_key,
        cast(rows_to_validate.balance as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['rows_to_validate.loan_id is null or rows_to_validate.balance_date is null', 'NULL_KEY'],
            ['rows_to_validate._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['rows_to_validate._key_copy_number > 1', 'DUPLICATE'],
            ['rows_to_validate.is_uncastable', 'INVALID_VALUE'],
            ['loans.loan_id is null', 'ORPHAN_LOAN'],
            ['not loans.is_parent_accepted', 'PARENT_REJECTED'],
            ['rows_to_validate.balance_date < '
                ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
                ~ ' or rows_to_validate.balance_date > '
                ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
                'DATE_OUT_OF_RANGE'],
            ['rows_to_validate.balance_date < accepted_loans.start_date', 'OUTSIDE_LOAN_LIFE'],
            ['five_level_classes.code is null', 'UNKNOWN_FIVE_LEVEL_CLASS'],
            ['rows_to_validate.balance is null or rows_to_validate.balance < 0', 'NEGATIVE_AMOUNT'],
            [is_fx_missing('accepted_loans.currency'), 'MISSING_FX'],
            [to_cny('rows_to_validate.balance', 'accepted_loans.currency') ~ ' > '
                ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
        ]) }} as rejection_reason,
        rows_to_validate.is_stored,
        rows_to_validate.stored_rejection_reason,
        rows_to_validate.stored_balance_cny
    from rows_to_validate
    left join loans on rows_to_validate.loan_id = loans.loan_id
    left join accepted_loans on rows_to_validate.loan_id = accepted_loans.loan_id
    left join five_level_classes on rows_to_validate.five_level_class = five_level_classes.code
    left join fx_rates_daily as fx
        on accepted_loans.currency = fx.currency and rows_to_validate.balance_date = fx.rate_date

),

{{ validated_rows_to_write('validated') }},

final as (

    select
        validation_batch,
        loan_id,
        balance_date,
        balance,
        balance_cny,
        five_level_class,
        is_code_repaired,
        is_uncastable,
        row_key,
        reconciliation_amount,
        rejection_reason
    from validated_rows_to_write

)

select * from final
