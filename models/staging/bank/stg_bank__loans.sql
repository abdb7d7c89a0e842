with

validated as (

    select * from {{ ref('base_bank__loans') }}

),

final as (

    select
        loan_id,
        customer_id,
        product_code,
        currency,
        principal_amount,
        start_date,
        maturity_date,
        interest_rate,
        collateral_type,
        risk_grade,
        is_code_repaired
    from validated
    where rejection_reason is null

)

select * from final
