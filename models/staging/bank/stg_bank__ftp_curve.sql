with

validated as (

    select * from {{ ref('base_bank__ftp_curve') }}

),

final as (

    select
        curve_date,
        term_months,
        ftp_rate
    from validated
    where rejection_reason is null

)

select * from final
