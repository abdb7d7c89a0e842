with

validated as (

    select * from {{ ref('base_bank__loan_balances') }}

),

final as (

    select
        loan_id,
        balance_date,
        balance,
        balance_cny,
        five_level_class,
        is_code_repaired
    from validated
    where rejection_reason is null

)

select * from final
