with

validated as (

    select * from {{ ref('base_bank__customers') }}

),

final as (

    select
        customer_id,
        customer_name,
        uscc,
        org_type,
        industry_code,
        branch_code,
        region_code,
        group_id,
        admin_level,
        annual_sales_cny,
        total_assets_cny,
        employees,
        relationship_start_date,
        exec_is_vip,
        has_cooperation_agreement,
        satisfaction_score,
        total_bank_financing_cny,
        data_quality_flags
    from validated
    where rejection_reason is null

)

select * from final
