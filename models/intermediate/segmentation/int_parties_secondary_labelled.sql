{#- 辅助标签 The secondary labels of the scheme for every segmented party (SPEC 5; DECISIONLOG S-014), one row per
    party: its credit history 客户历史数据 (int_parties_rated_for_credit_history); needs 客户需求特征 (信贷/结算/投融资):
    the need categories of the product families held in the window (seed product_family_needs), joined with ';' in
    the seed's order, null for prospects (no product usage); industry 行业特征: the GB/T 4754 section of the industry
    code (seed industry_sections). Region 地区特征 is the party's region_code. -#}

with

parties as (

    select
        party_id,
        party_kind,
        industry_code,
        credit_history,
        credit_history_zh,
        credit_history_basis,
        credit_history_version
    from {{ ref('int_parties_rated_for_credit_history') }}

),

families_held as (

    select
        customer_id,
        product_family
    from {{ ref('int_product_families_held_by_customers') }}

),

product_family_needs as (

    select
        product_family,
        need_category,
        need_order,
        need_zh,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('product_family_needs') }}

),

industry_sections as (

    select
        industry_section,
        label_zh,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('industry_sections') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

needs_held as (

    select distinct
        families_held.customer_id,
        product_family_needs.need_category,
        product_family_needs.need_order,
        product_family_needs.need_zh,
        product_family_needs.parameter_version
    from families_held
    cross join evaluation_window
    inner join product_family_needs
        on families_held.product_family = product_family_needs.product_family
            and {{ is_in_force('product_family_needs', 'evaluation_window.as_of_date') }}

),

needs_listed as (

    select
        customer_id,
        {{ dbt.listagg('need_category', "';'", 'order by need_order') }} as needs,
        {{ dbt.listagg('need_zh', "';'", 'order by need_order') }} as needs_zh,
        max(parameter_version) as needs_version
    from needs_held
    group by customer_id

),

final as (

    select
        evaluation_window.as_of_date,
        parties.party_id,
        parties.party_kind,
        parties.credit_history,
        parties.credit_history_zh,
        parties.credit_history_basis,
        needs_listed.needs,
        needs_listed.needs_zh,
        industry_sections.industry_section,
        industry_sections.label_zh as industry_section_zh,
        parties.credit_history_version,
        needs_listed.needs_version,
        industry_sections.parameter_version as industry_section_version
    from parties
    cross join evaluation_window
    left join needs_listed
        on parties.party_kind = 'EXISTING'
            and parties.party_id = needs_listed.customer_id
    left join industry_sections
        on upper(substring(parties.industry_code, 1, 1)) = industry_sections.industry_section
            and {{ is_in_force('industry_sections', 'evaluation_window.as_of_date') }}

)

select * from final
