{%- set content_columns = ['branch_code', 'cost_month', 'pool_code', 'amount_cny'] -%}

with

source as (

    select * from {{ source('bank', 'cost_pools') }}

),

data_quality_parameters as (

    select
        absurd_amount_cny,
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

cost_pool_codes as (

    select code from {{ ref('reference_codes') }}
    where code_set = 'cost_pool'

),

typed as (

    select
        {{ clean_code('branch_code') }} as branch_code,
        {{ dbt.safe_cast('cost_month', 'date') }} as cost_month,
        {{ clean_code('pool_code') }} as pool_code,
        {{ dbt.safe_cast('amount_cny', 'decimal(18, 2)') }} as amount_cny,
        {{ is_code_repaired('branch_code') }} or {{ is_code_repaired('pool_code') }} as is_code_repaired,
        {{ is_inexact_amount('amount_cny') }}
        or cost_month is not null and {{ dbt.safe_cast('cost_month', 'date') }} is null as is_uncastable
    from source

),

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select
        branch_code as repeated_branch_code,
        cost_month as repeated_cost_month,
        pool_code as repeated_pool_code
    from typed
    group by branch_code, cost_month, pool_code
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys
        on typed.branch_code = repeated_keys.repeated_branch_code
            and typed.cost_month = repeated_keys.repeated_cost_month
            and typed.pool_code = repeated_keys.repeated_pool_code
    where repeated_keys.repeated_branch_code is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(
            ['branch_code', 'cost_month', 'pool_code'], content_columns, ['is_uncastable', 'is_code_repaired']
        ) }} as key_copy_number,
        {{ has_key_conflict(['branch_code', 'cost_month', 'pool_code'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys
        on typed.branch_code = repeated_keys.repeated_branch_code
            and typed.cost_month = repeated_keys.repeated_cost_month
            and typed.pool_code = repeated_keys.repeated_pool_code

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

final as (

    select
        duplicates_marked.branch_code,
        duplicates_marked.cost_month,
        duplicates_marked.pool_code,
        duplicates_marked.amount_cny,
        duplicates_marked.is_code_repaired,
        duplicates_marked.branch_code || '|' || cast(duplicates_marked.cost_month as {{ dbt.type_string() }})
        || '|' || duplicates_marked.pool_code as row_key,
        cast(duplicates_marked.amount_cny as decimal(38, 10)) as reconciliation_amount,
        case
            when duplicates_marked.branch_code is null
                or duplicates_marked.cost_month is null
                or duplicates_marked.pool_code is null
                then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when cost_pool_codes.code is null then 'UNKNOWN_POOL_CODE'
            when duplicates_marked.cost_month < data_quality_parameters.earliest_valid_date
                or duplicates_marked.cost_month > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when duplicates_marked.cost_month <> {{ dbt.date_trunc('month', 'duplicates_marked.cost_month') }}
                then 'INVALID_MONTH'
            when duplicates_marked.amount_cny is null then 'MISSING_AMOUNT'
            when duplicates_marked.amount_cny < 0 then 'NEGATIVE_AMOUNT'
            when duplicates_marked.amount_cny > data_quality_parameters.absurd_amount_cny then 'ABSURD_AMOUNT'
        end as rejection_reason
    from duplicates_marked
    cross join data_quality_parameters
    left join cost_pool_codes on duplicates_marked.pool_code = cost_pool_codes.code

)

select * from final
