{%- set content_columns = ['rate_date', 'currency', 'cny_per_unit'] -%}

with

source as (

    select * from {{ source('bank', 'fx_rates') }}

),

currencies as (

    select currency_code from {{ ref('iso_4217_currencies') }}

),

data_quality_parameters as (

    select
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

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

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select
        rate_date as repeated_rate_date,
        currency as repeated_currency
    from typed
    group by rate_date, currency
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys
        on typed.rate_date = repeated_keys.repeated_rate_date
            and typed.currency = repeated_keys.repeated_currency
    where repeated_keys.repeated_rate_date is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['rate_date', 'currency'], content_columns, ['is_uncastable']) }} as key_copy_number,
        {{ has_key_conflict(['rate_date', 'currency'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys
        on typed.rate_date = repeated_keys.repeated_rate_date
            and typed.currency = repeated_keys.repeated_currency

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

final as (

    select
        duplicates_marked.rate_date,
        duplicates_marked.currency,
        duplicates_marked.cny_per_unit,
        cast(duplicates_marked.rate_date as {{ dbt.type_string() }}) || '|' || duplicates_marked.currency as row_key,
        cast(duplicates_marked.cny_per_unit as decimal(38, 10)) as reconciliation_amount,
        case
            when duplicates_marked.rate_date is null or duplicates_marked.currency is null then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when duplicates_marked.rate_date < data_quality_parameters.earliest_valid_date
                or duplicates_marked.rate_date > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when currencies.currency_code is null then 'UNKNOWN_CURRENCY'
            when duplicates_marked.cny_per_unit is null
                or duplicates_marked.cny_per_unit <= 0
                then 'INVALID_FX_RATE'
        end as rejection_reason
    from duplicates_marked
    cross join data_quality_parameters
    left join currencies on duplicates_marked.currency = currencies.currency_code

)

select * from final
