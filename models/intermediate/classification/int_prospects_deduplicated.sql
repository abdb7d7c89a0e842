{#- 目标客户 The target population: accepted prospects kept by the de-duplication on uscc (SPEC 4.4 and 8;
    DECISIONLOG C-005). One row per kept prospect. -#}

with

prospects_matched as (

    select
        prospect_id,
        customer_name,
        uscc,
        org_type,
        industry_code,
        branch_code,
        region_code,
        group_id,
        annual_sales_cny,
        total_assets_cny,
        employees,
        data_quality_flags,
        is_kept
    from {{ ref('int_prospects_matched_on_uscc') }}

),

final as (

    select
        prospect_id,
        customer_name,
        uscc,
        org_type,
        industry_code,
        branch_code,
        region_code,
        group_id,
        annual_sales_cny,
        total_assets_cny,
        employees,
        data_quality_flags
    from prospects_matched
    where is_kept

)

select * from final
