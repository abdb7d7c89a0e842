with

validated as (

    select * from {{ ref('base_bank__deposit_accounts') }}

),

final as (

    select
        account_id,
        customer_id,
        account_type,
        product_code,
        currency,
        interest_rate,
        term_months,
        open_date,
        close_date,
        is_code_repaired
    from validated
    where rejection_reason is null

)

select * from final
