{%- set content_columns = [
    'fee_id', 'customer_id', 'fee_date', 'fee_type', 'currency', 'income_amount', 'expense_amount'] -%}

with

source as (

    select * from {{ source('bank', 'fees') }}

),

data_quality_parameters as (

    select
        absurd_amount_cny,
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

customers as (

    {#- The keys of base_bank__customers and whether any raw row of each was accepted: a row whose key is
        absent here is an orphan, one whose parent rows were all rejected is PARENT_REJECTED. -#}
    select
        customer_id,
        max(case when rejection_reason is null then 1 else 0 end) = 1 as is_parent_accepted
    from {{ ref('base_bank__customers') }}
    where customer_id is not null
    group by customer_id

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

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select fee_id as repeated_fee_id
    from typed
    group by fee_id
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys on typed.fee_id = repeated_keys.repeated_fee_id
    where repeated_keys.repeated_fee_id is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['fee_id'], content_columns, ['is_uncastable', 'is_code_repaired']) }} as key_copy_number,
        {{ has_key_conflict(['fee_id'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys on typed.fee_id = repeated_keys.repeated_fee_id

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

amounts_converted as (

    {#- Each fee in CNY at the FX rate in force on its date (null when a non-CNY fee has no rate: MISSING_FX). -#}
    select
        duplicates_marked.*,
        fx.cny_per_unit,
        {{ to_cny('duplicates_marked.income_amount', 'duplicates_marked.currency') }} as income_amount_cny,
        {{ to_cny('duplicates_marked.expense_amount', 'duplicates_marked.currency') }} as expense_amount_cny
    from duplicates_marked
    left join fx_rates_daily as fx
        on duplicates_marked.currency = fx.currency and duplicates_marked.fee_date = fx.rate_date

),

final as (

    select
        amounts_converted.fee_id,
        amounts_converted.customer_id,
        amounts_converted.fee_date,
        amounts_converted.fee_type,
        amounts_converted.currency,
        amounts_converted.income_amount,
        amounts_converted.expense_amount,
        amounts_converted.income_amount_cny,
        amounts_converted.expense_amount_cny,
        amounts_converted.is_code_repaired,
        amounts_converted.fee_id as row_key,
        cast(amounts_converted.income_amount as decimal(38, 10)) as reconciliation_amount,
        case
            when amounts_converted.fee_id is null then 'NULL_KEY'
            when amounts_converted.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when amounts_converted.key_copy_number > 1 then 'DUPLICATE'
            when amounts_converted.is_uncastable then 'INVALID_VALUE'
            when customers.customer_id is null then 'ORPHAN_CUSTOMER'
            when not customers.is_parent_accepted then 'PARENT_REJECTED'
            when fee_types.code is null then 'UNKNOWN_FEE_TYPE'
            when currencies.currency_code is null then 'UNKNOWN_CURRENCY'
            when amounts_converted.fee_date is null
                or amounts_converted.fee_date < data_quality_parameters.earliest_valid_date
                or amounts_converted.fee_date > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when amounts_converted.income_amount is null or amounts_converted.expense_amount is null
                then 'MISSING_AMOUNT'
            when amounts_converted.income_amount < 0 or amounts_converted.expense_amount < 0 then 'NEGATIVE_AMOUNT'
            when {{ is_fx_missing('amounts_converted.currency', fx_alias='amounts_converted') }} then 'MISSING_FX'
            when amounts_converted.income_amount_cny > data_quality_parameters.absurd_amount_cny
                or amounts_converted.expense_amount_cny > data_quality_parameters.absurd_amount_cny
                then 'ABSURD_AMOUNT'
        end as rejection_reason
    from amounts_converted
    cross join data_quality_parameters
    left join customers on amounts_converted.customer_id = customers.customer_id
    left join reference_codes as fee_types
        on fee_types.code_set = 'fee_type' and amounts_converted.fee_type = fee_types.code
    left join currencies on amounts_converted.currency = currencies.currency_code

)

select * from final
