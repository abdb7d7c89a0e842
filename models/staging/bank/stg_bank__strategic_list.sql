with

validated as (

    select * from {{ ref('base_bank__strategic_list') }}

),

final as (

    select
        entity_type,
        entity_id,
        entity_name,
        effective_from,
        effective_to
    from validated
    where rejection_reason is null

)

select * from final
