with

validated as (

    select * from {{ ref('base_bank__fx_rates') }}

),

final as (

    select
        rate_date,
        currency,
        cny_per_unit
    from validated
    where rejection_reason is null

)

select * from final
