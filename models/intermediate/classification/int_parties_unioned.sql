{#- 存量与目标客户 The parties to segment on the as-of date (SPEC 4.4 and 8; DECISIONLOG C-001, C-005): every
    existing customer (party_kind EXISTING, loan status 有贷户/无贷户 from the balances) and every prospect kept
    by the uscc de-duplication (party_kind TARGET, loan status PROSPECT: classified as if 有贷户), with the
    attributes both kinds share. Customers that are not existing in the window are not segmented. -#}

with

customers as (

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
        data_quality_flags
    from {{ ref('stg_bank__customers') }}

),

customer_balances as (

    select
        customer_id,
        is_existing,
        loan_status,
        avg_daily_deposit_cny
    from {{ ref('int_customers_balances_summarised') }}

),

prospects as (

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
    from {{ ref('int_prospects_deduplicated') }}

),

existing_customers as (

    select
        customers.customer_id as party_id,
        'EXISTING' as party_kind,
        customers.customer_name as party_name,
        customers.uscc,
        customers.org_type,
        nullif(customers.industry_code, '') as industry_code,
        customers.branch_code,
        customers.region_code,
        customers.group_id,
        customers.admin_level,
        customers.annual_sales_cny,
        customers.total_assets_cny,
        customers.employees,
        customer_balances.loan_status,
        customer_balances.avg_daily_deposit_cny,
        customers.data_quality_flags
    from customers
    inner join customer_balances
        on customers.customer_id = customer_balances.customer_id
    where customer_balances.is_existing

),

target_prospects as (

    select
        prospect_id as party_id,
        'TARGET' as party_kind,
        customer_name as party_name,
        uscc,
        org_type,
        nullif(industry_code, '') as industry_code,
        branch_code,
        region_code,
        group_id,
        cast(null as {{ dbt.type_string() }}) as admin_level,
        annual_sales_cny,
        total_assets_cny,
        employees,
        'PROSPECT' as loan_status,
        cast(null as decimal(38, 10)) as avg_daily_deposit_cny,
        data_quality_flags
    from prospects

),

final as (

    select * from existing_customers
    union all
    select * from target_prospects

)

select * from final
