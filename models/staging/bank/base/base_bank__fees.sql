{%- set content_columns = [
    'fee_id', 'customer_id', 'fee_date', 'fee_type', 'currency', 'income_amount', 'expense_amount'] -%}

with

source as (

    select * from {{ source('bank', 'fees') }}

),

customers as (

    {{ parent_keys('base_bank__customers', 'customer_id') }}

),

reference_codes as (

    select
        code_set,
        code
    from {{ ref('reference_codes') }}

),

currencies as (

    select currency_code from {{ ref('iso_4217_currencies') }}

),

fx_rates_daily as (

    select
        currency,
        rate_date,
        cny_per_unit
    from {{ ref('base_bank__fx_rates_daily') }}

),

typed as (

    select
        trim(cast(fee_id as {{ dbt.type_string() }})) as fee_id,
        trim(cast(customer_id as {{ dbt.type_string() }})) as customer_id,
        {{ dbt.safe_cast('fee_date', 'date') }} as fee_date,
        {{ clean_code('fee_type') }} as fee_type,
        {{ clean_code('currency') }} as currency,
        {{ dbt.safe_cast('income_amount', 'decimal(18, 2)') }} as income_amount,
        {{ dbt.safe_cast('expense_amount', 'decimal(18, 2)') }} as expense_amount,
        {{ is_code_repaired('fee_type') }} or {{ is_code_repaired('currency') }} as is_code_repaired,
        {{ is_inexact_amount('income_amount') }}
        or {{ is_inexact_amount('expense_amount') }}
        or fee_date is not null and {{ dbt.safe_cast('fee_date', 'date') }} is null as is_uncastable
    from source

),

{{ mark_duplicates(
    'typed', ['fee_id'], content_columns,
    flag_columns=['is_uncastable', 'is_code_repaired'],
) }},

final as (

    select
        duplicates_marked.fee_id,
        duplicates_marked.customer_id,
        duplicates_marked.fee_date,
        duplicates_marked.fee_type,
        duplicates_marked.currency,
        duplicates_marked.income_amount,
        duplicates_marked.expense_amount,
        {{ to_cny('duplicates_marked.income_amount', 'duplicates_marked.currency') }} as income_amount_cny,
        {{ to_cny('duplicates_marked.expense_amount', 'duplicates_marked.currency') }} as expense_amount_cny,
        duplicates_marked.is_code_repaired,
        duplicates_marked.fee_id as row_key,
        cast(duplicates_marked.income_amount as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['duplicates_marked.fee_id is null', 'NULL_KEY'],
            ['duplicates_marked._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['duplicates_marked.is_uncastable', 'INVALID_VALUE'],
            ['customers.customer_id is null', 'ORPHAN_CUSTOMER'],
            ['not customers.is_parent_accepted', 'PARENT_REJECTED'],
            ['fee_types.code is null', 'UNKNOWN_FEE_TYPE'],
            ['currencies.currency_code is null', 'UNKNOWN_CURRENCY'],
            ['duplicates_marked.fee_date is null or duplicates_marked.fee_date < '
                ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
                ~ ' or duplicates_marked.fee_date > '
                ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
                'DATE_OUT_OF_RANGE'],
            ['duplicates_marked.income_amount is null or duplicates_marked.income_amount < 0'
                ~ ' or duplicates_marked.expense_amount is null or duplicates_marked.expense_amount < 0',
                'NEGATIVE_AMOUNT'],
            [is_fx_missing('duplicates_marked.currency'), 'MISSING_FX'],
            [to_cny('duplicates_marked.income_amount', 'duplicates_marked.currency') ~ ' > '
                ~ data_quality_parameter('absurd_amount_cny') ~ ' or '
                ~ to_cny('duplicates_marked.expense_amount', 'duplicates_marked.currency') ~ ' > '
                ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
        ]) }} as rejection_reason
    from duplicates_marked
    left join customers on duplicates_marked.customer_id = customers.customer_id
    left join reference_codes as fee_types
        on fee_types.code_set = 'fee_type' and duplicates_marked.fee_type = fee_types.code
    left join currencies on duplicates_marked.currency = currencies.currency_code
    left join fx_rates_daily as fx
        on duplicates_marked.currency = fx.currency and duplicates_marked.fee_date = fx.rate_date

)

select * from final
