with

validated as (

    select * from {{ ref('base_bank__account_activity') }}

),

final as (

    select
        account_id,
        activity_month,
        txn_count,
        txn_amount_cny
    from validated
    where rejection_reason is null

)

select * from final
