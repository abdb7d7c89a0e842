{%- set content_columns = [
    'loan_id', 'customer_id', 'product_code', 'currency', 'principal_amount', 'start_date', 'maturity_date',
    'interest_rate', 'collateral_type', 'risk_grade'] -%}

with

source as (

    select * from {{ source('bank', 'loans') }}

),

data_quality_parameters as (

    select absurd_amount_cny
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

ftp_curve_start as (

    select min(curve_date) as first_curve_date from {{ ref('stg_bank__ftp_curve') }}

),

typed as (

    select
        trim(cast(loan_id as {{ dbt.type_string() }})) as loan_id,
        trim(cast(customer_id as {{ dbt.type_string() }})) as customer_id,
        {{ clean_code('product_code') }} as product_code,
        {{ clean_code('currency') }} as currency,
        {{ dbt.safe_cast('principal_amount', 'decimal(18, 2)') }} as principal_amount,
        {{ dbt.safe_cast('start_date', 'date') }} as start_date,
        {{ dbt.safe_cast('maturity_date', 'date') }} as maturity_date,
        {{ dbt.safe_cast('interest_rate', 'decimal(9, 6)') }} as interest_rate,
        {{ clean_code('collateral_type') }} as collateral_type,
        {{ dbt.safe_cast('risk_grade', 'integer') }} as risk_grade,
        {{ is_code_repaired('product_code') }}
        or {{ is_code_repaired('currency') }}
        or {{ is_code_repaired('collateral_type') }} as is_code_repaired,
        {{ is_inexact_amount('principal_amount') }}
        or interest_rate is not null and {{ dbt.safe_cast('interest_rate', 'decimal(9, 6)') }} is null
        or risk_grade is not null and {{ dbt.safe_cast('risk_grade', 'integer') }} is null
        or start_date is not null and {{ dbt.safe_cast('start_date', 'date') }} is null
        or maturity_date is not null and {{ dbt.safe_cast('maturity_date', 'date') }} is null as is_uncastable
    from source

),

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select loan_id as repeated_loan_id
    from typed
    group by loan_id
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys on typed.loan_id = repeated_keys.repeated_loan_id
    where repeated_keys.repeated_loan_id is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['loan_id'], content_columns, ['is_uncastable', 'is_code_repaired']) }} as key_copy_number,
        {{ has_key_conflict(['loan_id'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys on typed.loan_id = repeated_keys.repeated_loan_id

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

final as (

    select
        duplicates_marked.loan_id,
        duplicates_marked.customer_id,
        duplicates_marked.product_code,
        duplicates_marked.currency,
        duplicates_marked.principal_amount,
        duplicates_marked.start_date,
        duplicates_marked.maturity_date,
        duplicates_marked.interest_rate,
        duplicates_marked.collateral_type,
        duplicates_marked.risk_grade,
        duplicates_marked.is_code_repaired,
        duplicates_marked.loan_id as row_key,
        cast(duplicates_marked.principal_amount as decimal(38, 10)) as reconciliation_amount,
        case
            when duplicates_marked.loan_id is null then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when customers.customer_id is null then 'ORPHAN_CUSTOMER'
            when not customers.is_parent_accepted then 'PARENT_REJECTED'
            when products.code is null then 'UNKNOWN_PRODUCT_CODE'
            when currencies.currency_code is null then 'UNKNOWN_CURRENCY'
            when collaterals.code is null then 'UNKNOWN_COLLATERAL_TYPE'
            when duplicates_marked.risk_grade is null
                or duplicates_marked.risk_grade not between 1 and 10
                then 'UNKNOWN_RISK_GRADE'
            when duplicates_marked.principal_amount is null then 'MISSING_AMOUNT'
            when duplicates_marked.principal_amount < 0 then 'NEGATIVE_AMOUNT'
            when duplicates_marked.principal_amount > data_quality_parameters.absurd_amount_cny
                then 'ABSURD_AMOUNT'
            when duplicates_marked.interest_rate is null
                or duplicates_marked.interest_rate < 0
                or duplicates_marked.interest_rate > 1
                then 'RATE_OUT_OF_RANGE'
            when duplicates_marked.start_date is null
                or duplicates_marked.maturity_date is null
                or duplicates_marked.maturity_date <= duplicates_marked.start_date
                then 'INVALID_DATE_RANGE'
            when duplicates_marked.start_date < ftp_curve_start.first_curve_date
                or ftp_curve_start.first_curve_date is null
                then 'MISSING_FTP'
        end as rejection_reason
    from duplicates_marked
    cross join data_quality_parameters
    cross join ftp_curve_start
    left join customers on duplicates_marked.customer_id = customers.customer_id
    left join reference_codes as products
        on products.code_set = 'loan_product' and duplicates_marked.product_code = products.code
    left join currencies on duplicates_marked.currency = currencies.currency_code
    left join reference_codes as collaterals
        on collaterals.code_set = 'collateral_type' and duplicates_marked.collateral_type = collaterals.code

)

select * from final
