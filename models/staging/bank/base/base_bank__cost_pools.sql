{%- set content_columns = ['branch_code', 'cost_month', 'pool_code', 'amount_cny'] -%}

with

source as (

    select * from {{ source('bank', 'cost_pools') }}

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

{{ mark_duplicates(
    'typed', ['branch_code', 'cost_month', 'pool_code'], content_columns,
    flag_columns=['is_uncastable', 'is_code_repaired'],
) }},

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
        {{ rejection_reason([
            ['duplicates_marked.branch_code is null or duplicates_marked.cost_month is null'
                ~ ' or duplicates_marked.pool_code is null', 'NULL_KEY'],
            ['duplicates_marked._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['duplicates_marked.is_uncastable', 'INVALID_VALUE'],
            ['cost_pool_codes.code is null', 'UNKNOWN_POOL_CODE'],
            ['duplicates_marked.cost_month <> ' ~ dbt.date_trunc('month', 'duplicates_marked.cost_month'),
                'INVALID_MONTH'],
            ['duplicates_marked.amount_cny is null or duplicates_marked.amount_cny < 0', 'NEGATIVE_AMOUNT'],
            ['duplicates_marked.amount_cny > ' ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
        ]) }} as rejection_reason
    from duplicates_marked
    left join cost_pool_codes on duplicates_marked.pool_code = cost_pool_codes.code

)

select * from final
