with

validated as (

    select * from {{ ref('base_bank__deposit_balances') }}

),

final as (

    select
        account_id,
        balance_date,
        balance,
        balance_cny
    from validated
    where rejection_reason is null

)

select * from final
