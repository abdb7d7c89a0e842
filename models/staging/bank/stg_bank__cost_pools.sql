with

validated as (

    select * from {{ ref('base_bank__cost_pools') }}

),

final as (

    select
        branch_code,
        cost_month,
        pool_code,
        amount_cny,
        is_code_repaired
    from validated
    where rejection_reason is null

)

select * from final
