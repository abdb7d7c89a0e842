{%- set content_columns = [
    'account_id', 'customer_id', 'account_type', 'product_code', 'currency', 'interest_rate', 'term_months',
    'open_date', 'close_date'] -%}

with

source as (

    select * from {{ source('bank', 'deposit_accounts') }}

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

ftp_curve_start as (

    select min(curve_date) as first_curve_date from {{ ref('stg_bank__ftp_curve') }}

),

typed as (

    select
        trim(cast(account_id as {{ dbt.type_string() }})) as account_id,
        trim(cast(customer_id as {{ dbt.type_string() }})) as customer_id,
        {{ clean_code('account_type') }} as account_type,
        {{ clean_code('product_code') }} as product_code,
        {{ clean_code('currency') }} as currency,
        {{ dbt.safe_cast('interest_rate', 'decimal(9, 6)') }} as interest_rate,
        {{ dbt.safe_cast('term_months', 'integer') }} as term_months,
        {{ dbt.safe_cast('open_date', 'date') }} as open_date,
        {{ dbt.safe_cast('close_date', 'date') }} as close_date,
        {{ is_code_repaired('account_type') }}
        or {{ is_code_repaired('product_code') }}
        or {{ is_code_repaired('currency') }} as is_code_repaired,
        interest_rate is not null and {{ dbt.safe_cast('interest_rate', 'decimal(9, 6)') }} is null
        or term_months is not null and {{ dbt.safe_cast('term_months', 'integer') }} is null
        or open_date is not null and {{ dbt.safe_cast('open_date', 'date') }} is null
        or close_date is not null and {{ dbt.safe_cast('close_date', 'date') }} is null as is_uncastable
    from source

),

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select account_id as repeated_account_id
    from typed
    group by account_id
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys on typed.account_id = repeated_keys.repeated_account_id
    where repeated_keys.repeated_account_id is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['account_id'], content_columns, ['is_uncastable', 'is_code_repaired']) }}
            as key_copy_number,
        {{ has_key_conflict(['account_id'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys on typed.account_id = repeated_keys.repeated_account_id

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

final as (

    select
        duplicates_marked.account_id,
        duplicates_marked.customer_id,
        duplicates_marked.account_type,
        duplicates_marked.product_code,
        duplicates_marked.currency,
        duplicates_marked.interest_rate,
        duplicates_marked.term_months,
        duplicates_marked.open_date,
        duplicates_marked.close_date,
        duplicates_marked.is_code_repaired,
        duplicates_marked.account_id as row_key,
        cast(null as decimal(38, 10)) as reconciliation_amount,
        case
            when duplicates_marked.account_id is null then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when customers.customer_id is null then 'ORPHAN_CUSTOMER'
            when not customers.is_parent_accepted then 'PARENT_REJECTED'
            when account_types.code is null then 'UNKNOWN_ACCOUNT_TYPE'
            when products.code is null then 'UNKNOWN_PRODUCT_CODE'
            when currencies.currency_code is null then 'UNKNOWN_CURRENCY'
            when duplicates_marked.interest_rate is null
                or duplicates_marked.interest_rate < 0
                or duplicates_marked.interest_rate > 1
                then 'RATE_OUT_OF_RANGE'
            when duplicates_marked.product_code = 'TIME'
                and (duplicates_marked.term_months is null or duplicates_marked.term_months <= 0)
                then 'INVALID_TERM'
            when duplicates_marked.open_date is null
                or duplicates_marked.close_date <= duplicates_marked.open_date
                then 'INVALID_DATE_RANGE'
            when duplicates_marked.product_code = 'TIME'
                and (
                    duplicates_marked.open_date < ftp_curve_start.first_curve_date
                    or ftp_curve_start.first_curve_date is null
                )
                then 'MISSING_FTP'
        end as rejection_reason
    from duplicates_marked
    cross join ftp_curve_start
    left join customers on duplicates_marked.customer_id = customers.customer_id
    left join reference_codes as account_types
        on account_types.code_set = 'account_type' and duplicates_marked.account_type = account_types.code
    left join reference_codes as products
        on products.code_set = 'deposit_product' and duplicates_marked.product_code = products.code
    left join currencies on duplicates_marked.currency = currencies.currency_code

)

select * from final
