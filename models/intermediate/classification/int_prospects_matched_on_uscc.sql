{#- 目标客户去重 The de-duplication decision for every accepted prospect (SPEC 4.4 and 8; DECISIONLOG C-005):
    a prospect whose uscc equals (case-insensitive) the uscc of an existing customer is left out as
    DUPLICATE_OF_CUSTOMER; of prospects sharing a uscc, the lowest prospect_id is kept and the others are
    DUPLICATE_OF_PROSPECT. A prospect without a (valid) uscc cannot be matched and is kept. -#}

with

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
    from {{ ref('stg_bank__prospects') }}

),

customers as (

    select
        customer_id,
        uscc
    from {{ ref('stg_bank__customers') }}

),

customer_existence as (

    select
        customer_id,
        is_existing
    from {{ ref('int_customers_balances_summarised') }}

),

existing_customer_usccs as (

    select
        upper(customers.uscc) as uscc_key,
        min(customers.customer_id) as matched_customer_id
    from customers
    inner join customer_existence
        on customers.customer_id = customer_existence.customer_id
    where customer_existence.is_existing
        and customers.uscc is not null
    group by upper(customers.uscc)

),

prospects_keyed as (

    select
        *,
        upper(uscc) as uscc_key
    from prospects

),

prospects_ranked_within_uscc as (

    select
        *,
        case
            when uscc_key is not null then min(prospect_id) over (partition by uscc_key)
        end as lowest_prospect_id_with_uscc
    from prospects_keyed

),

final as (

    select
        prospects_ranked_within_uscc.prospect_id,
        prospects_ranked_within_uscc.customer_name,
        prospects_ranked_within_uscc.uscc,
        prospects_ranked_within_uscc.org_type,
        prospects_ranked_within_uscc.industry_code,
        prospects_ranked_within_uscc.branch_code,
        prospects_ranked_within_uscc.region_code,
        prospects_ranked_within_uscc.group_id,
        prospects_ranked_within_uscc.annual_sales_cny,
        prospects_ranked_within_uscc.total_assets_cny,
        prospects_ranked_within_uscc.employees,
        prospects_ranked_within_uscc.data_quality_flags,
        case
            when existing_customer_usccs.matched_customer_id is not null then 'DUPLICATE_OF_CUSTOMER'
            when prospects_ranked_within_uscc.prospect_id
                <> prospects_ranked_within_uscc.lowest_prospect_id_with_uscc then 'DUPLICATE_OF_PROSPECT'
            else 'KEPT'
        end as match_outcome,
        case
            when existing_customer_usccs.matched_customer_id is not null
                then existing_customer_usccs.matched_customer_id
            when prospects_ranked_within_uscc.prospect_id
                <> prospects_ranked_within_uscc.lowest_prospect_id_with_uscc
                then prospects_ranked_within_uscc.lowest_prospect_id_with_uscc
        end as duplicate_of_party_id,
        existing_customer_usccs.matched_customer_id is null
        and (
            prospects_ranked_within_uscc.lowest_prospect_id_with_uscc is null
            or prospects_ranked_within_uscc.prospect_id = prospects_ranked_within_uscc.lowest_prospect_id_with_uscc)
            as is_kept
    from prospects_ranked_within_uscc
    left join existing_customer_usccs
        on prospects_ranked_within_uscc.uscc_key = existing_customer_usccs.uscc_key

)

select * from final
