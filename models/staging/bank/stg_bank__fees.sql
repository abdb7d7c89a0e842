with

validated as (

    select * from {{ ref('base_bank__fees') }}

),

final as (

    select
        fee_id,
        customer_id,
        fee_date,
        fee_type,
        currency,
        income_amount,
        expense_amount,
        income_amount_cny,
        expense_amount_cny,
        is_code_repaired
    from validated
    where rejection_reason is null

)

select * from final
