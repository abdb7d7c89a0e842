{%- set content_columns = ['rate_date', 'currency', 'cny_per_unit'] -%}

with

source as (

    select * from {{ source('bank', 'fx_rates') }}

),

currencies as (

    select currency_code from {{ ref('iso_4217_currencies') }}

),

typed as (

    select
        {{ dbt.safe_cast('rate_date', 'date') }} as rate_date,
        {{ clean_code('currency') }} as currency,
        {{ dbt.safe_cast('cny_per_unit', 'decimal(18, 8)') }} as cny_per_unit,
        rate_date is not null and {{ dbt.safe_cast('rate_date', 'date') }} is null
        or cny_per_unit is not null and {{ dbt.safe_cast('cny_per_unit', 'decimal(18, 8)') }} is null
            as is_uncastable
    from source

),

{{ mark_duplicates('typed', ['rate_date', 'currency'], content_columns, flag_columns=['is_uncastable']) }},

final as (

    select
        duplicates_marked.rate_date,
        duplicates_marked.currency,
        duplicates_marked.cny_per_unit,
        cast(duplicates_marked.rate_date as {{ dbt.type_string() }}) || '|' || duplicates_marked.currency as row_key,
        cast(duplicates_marked.cny_per_unit as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['duplicates_marked.rate_date is null or duplicates_marked.currency is null', 'NULL_KEY'],
            ['duplicates_marked._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['duplicates_marked.is_uncastable', 'INVALID_VALUE'],
            ['currencies.currency_code is null', 'UNKNOWN_CURRENCY'],
            ['duplicates_marked.cny_per_unit is null or duplicates_marked.cny_per_unit <= 0', 'INVALID_FX_RATE'],
        ]) }} as rejection_reason
    from duplicates_marked
    left join currencies on duplicates_marked.currency = currencies.currency_code

)

select * from final
