{{ config(materialized='view') }}
{#- 存款日终余额(类型化) Every raw row of `deposit_balances` typed: the key trimmed, the date and amount cast
    (null when a value does not read as its type, or the amount has more than cents: is_uncastable). A view over
    the raw files and the one place these columns are typed: base_bank__deposit_balances_batches reads its dates
    and amounts, base_bank__deposit_balances_in_context adds the context. -#}

with

source as (

    select * from {{ source('bank', 'deposit_balances') }}

),

final as (

    select
        {{ trim_key('account_id') }} as account_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ is_inexact_amount('balance') }}
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from source

)

select * from final
