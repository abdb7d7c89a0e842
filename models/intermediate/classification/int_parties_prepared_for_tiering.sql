{#- 分层准备 Everything the tiering rules need, one row per party to segment (SPEC 4.3, 4.8 and 8;
    DECISIONLOG C-010 to C-013): the strategic-list matches in force on the as-of date (by own id and by
    group, effective_from <= as_of <= effective_to), whether the industry is in the reduced-threshold list,
    the large-customer and deposit-scale thresholds resolved for the party's branch (branch > region > head
    office) with their version and source, the medium floors of the bank's small-enterprise standard for the
    party's industry group, the tier of its admin level, and its national size class. -#}

with

parties as (

    select * from {{ ref('int_parties_classified') }}

),

strategic_list as (

    select
        entity_type,
        upper(entity_id) as entity_id,
        effective_from,
        effective_to
    from {{ ref('stg_bank__strategic_list') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

parameters as (

    select
        branch_code,
        region_code,
        parameter_code,
        value_number,
        parameter_version,
        parameter_source
    from {{ ref('int_policy_parameters_by_branch') }}

),

national_sizes as (

    select
        party_id,
        party_kind,
        national_industry_group,
        national_size_class,
        national_size_reason
    from {{ ref('int_parties_classified_by_national_size') }}

),

reduced_threshold_industries as (

    select
        industry_prefix,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('reduced_threshold_industries') }}

),

small_enterprise_standard as (

    select
        national_industry_group,
        indicator,
        floor_value,
        value_multiplier,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('small_enterprise_standard') }}

),

admin_level_tiers as (

    select
        admin_level,
        tier,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('admin_level_tiers') }}

),

reduced_threshold_industries_in_force as (

    select reduced_threshold_industries.*
    from reduced_threshold_industries
    inner join evaluation_window
        on {{ is_in_force('reduced_threshold_industries', 'evaluation_window.as_of_date') }}

),

small_enterprise_standard_in_force as (

    select small_enterprise_standard.*
    from small_enterprise_standard
    inner join evaluation_window
        on {{ is_in_force('small_enterprise_standard', 'evaluation_window.as_of_date') }}

),

admin_level_tiers_in_force as (

    select admin_level_tiers.*
    from admin_level_tiers
    inner join evaluation_window
        on {{ is_in_force('admin_level_tiers', 'evaluation_window.as_of_date') }}

),

strategic_list_matches as (

    select
        parties.party_id,
        strategic_list.entity_type,
        {{ is_in_force('strategic_list', 'evaluation_window.as_of_date', 'effective_from', 'effective_to') }}
            as is_in_force
    from parties
    cross join evaluation_window
    inner join strategic_list
        on (strategic_list.entity_type = 'CUSTOMER' and upper(parties.party_id) = strategic_list.entity_id)
            or (strategic_list.entity_type = 'GROUP' and upper(parties.group_id) = strategic_list.entity_id)

),

strategic_flags as (

    select
        party_id,
        max(case when entity_type = 'CUSTOMER' and is_in_force then 1 else 0 end) = 1 as is_strategic_by_customer,
        max(case when entity_type = 'GROUP' and is_in_force then 1 else 0 end) = 1 as is_strategic_by_group,
        max(case when not is_in_force then 1 else 0 end) = 1 as has_strategic_entry_not_in_force
    from strategic_list_matches
    group by party_id

),

reduced_threshold_matches as (

    select
        parties.party_id,
        max(reduced_threshold_industries_in_force.parameter_version) as parameter_version
    from parties
    inner join reduced_threshold_industries_in_force
        on parties.industry_code like reduced_threshold_industries_in_force.industry_prefix || '%'
    group by parties.party_id

),

medium_floors as (

    select
        national_industry_group,
        max(case when indicator = 'EMPLOYEES' then floor_value * value_multiplier end) as medium_floor_employees,
        max(case when indicator = 'ANNUAL_SALES' then floor_value * value_multiplier end)
            as medium_floor_annual_sales_cny,
        max(case when indicator = 'TOTAL_ASSETS' then floor_value * value_multiplier end)
            as medium_floor_total_assets_cny,
        max(parameter_version) as parameter_version
    from small_enterprise_standard_in_force
    group by national_industry_group

),

final as (

    select
        parties.party_id,
        parties.party_kind,
        parties.party_name,
        parties.uscc,
        parties.org_type,
        parties.industry_code,
        parties.branch_code,
        parties.region_code,
        parties.group_id,
        parties.admin_level,
        parties.annual_sales_cny,
        parties.total_assets_cny,
        parties.employees,
        parties.avg_daily_deposit_cny,
        parties.loan_status,
        parties.market_class,
        parties.sub_class,
        parties.emerging_group,
        parties.classification_reason,
        parties.classification_version,
        coalesce(strategic_flags.is_strategic_by_customer, false) as is_strategic_by_customer,
        coalesce(strategic_flags.is_strategic_by_group, false) as is_strategic_by_group,
        coalesce(strategic_flags.has_strategic_entry_not_in_force, false) as has_strategic_entry_not_in_force,
        case
            when parties.industry_code is not null then reduced_threshold_matches.party_id is not null
        end as is_reduced_threshold_industry,
        large_sales_parameters.value_number as large_sales_threshold_cny,
        large_sales_parameters.parameter_version as large_sales_threshold_version,
        large_sales_parameters.parameter_source as large_sales_threshold_source,
        reduced_large_sales_parameters.value_number as reduced_large_sales_threshold_cny,
        reduced_large_sales_parameters.parameter_version as reduced_large_sales_threshold_version,
        reduced_large_sales_parameters.parameter_source as reduced_large_sales_threshold_source,
        deposit_scale_parameters.value_number as deposit_scale_threshold_cny,
        deposit_scale_parameters.parameter_version as deposit_scale_threshold_version,
        deposit_scale_parameters.parameter_source as deposit_scale_threshold_source,
        national_sizes.national_industry_group,
        medium_floors.medium_floor_employees,
        medium_floors.medium_floor_annual_sales_cny,
        medium_floors.medium_floor_total_assets_cny,
        medium_floors.parameter_version as small_enterprise_standard_version,
        admin_level_tiers_in_force.tier as admin_level_tier,
        admin_level_tiers_in_force.parameter_version as admin_level_tier_version,
        national_sizes.national_size_class,
        national_sizes.national_size_reason,
        parties.data_quality_flags
    from parties
    left join strategic_flags
        on parties.party_id = strategic_flags.party_id
    left join reduced_threshold_matches
        on parties.party_id = reduced_threshold_matches.party_id
    left join parameters as large_sales_parameters
        on parties.branch_code is not distinct from large_sales_parameters.branch_code
            and parties.region_code is not distinct from large_sales_parameters.region_code
            and parties.large_sales_parameter_code = large_sales_parameters.parameter_code
    left join parameters as reduced_large_sales_parameters
        on parties.branch_code is not distinct from reduced_large_sales_parameters.branch_code
            and parties.region_code is not distinct from reduced_large_sales_parameters.region_code
            and parties.reduced_large_sales_parameter_code = reduced_large_sales_parameters.parameter_code
    left join parameters as deposit_scale_parameters
        on parties.branch_code is not distinct from deposit_scale_parameters.branch_code
            and parties.region_code is not distinct from deposit_scale_parameters.region_code
            and deposit_scale_parameters.parameter_code = 'deposit_scale_threshold_cny'
    left join national_sizes
        on parties.party_id = national_sizes.party_id
            and national_sizes.party_kind = case parties.party_kind when 'EXISTING' then 'CUSTOMER' else 'PROSPECT' end
    left join medium_floors
        on national_sizes.national_industry_group = medium_floors.national_industry_group
    left join admin_level_tiers_in_force
        on parties.admin_level = admin_level_tiers_in_force.admin_level

)

select * from final
