with

validated as (

    select * from {{ ref('base_bank__prospects') }}

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
        revenue_growth_rate,
        lifecycle_stage,
        market_influence_score,
        chain_influence_score,
        product_fit_score,
        marketing_feasibility_score,
        product_advantage_score,
        service_convenience_score,
        assessed_date,
        data_quality_flags
    from validated
    where rejection_reason is null

)

select * from final
