with

validated as (

    select * from {{ ref('base_bank__customer_tags') }}

),

final as (

    select
        customer_id,
        tag
    from validated
    where rejection_reason is null

)

select * from final
