{{ config(materialized='view') }}
{#- 贷款日终余额(类型化) Every raw row of `loan_balances` typed: the key trimmed, the date and amount cast, its
    five-level class cleaned (null when a value does not read as its type, or the amount has more than cents:
    is_uncastable). A view over the raw files and the one place these columns are typed:
    base_bank__loan_balances_batches reads its dates and amounts, base_bank__loan_balances_in_context adds the
    context. -#}

with

source as (

    select * from {{ source('bank', 'loan_balances') }}

),

final as (

    select
        {{ trim_key('loan_id') }} as loan_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ clean_code('five_level_class') }} as five_level_class,
        {{ is_code_repaired('five_level_class') }} as is_code_repaired,
        {{ is_inexact_amount('balance') }}
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from source

)

select * from final
