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

    select distinct parties.party_id
    from parties
    cross join evaluation_window
    inner join reduced_threshold_industries
        on parties.industry_code like reduced_threshold_industries.industry_prefix || '%'
            and {{ is_in_force('reduced_threshold_industries', 'evaluation_window.as_of_date') }}

),

medium_floors as (

    select
        small_enterprise_standard.national_industry_group,
        {%- for indicator, column in [('EMPLOYEES', 'employees'), ('ANNUAL_SALES', 'annual_sales_cny'),
            ('TOTAL_ASSETS', 'total_assets_cny')] %}
            max(case when small_enterprise_standard.indicator = '{{ indicator }}'
                    then small_enterprise_standard.floor_value * small_enterprise_standard.value_multiplier
            end) as medium_floor_{{ column }},
        {%- endfor %}
        max(small_enterprise_standard.parameter_version) as parameter_version
    from small_enterprise_standard
    inner join evaluation_window
        on {{ is_in_force('small_enterprise_standard', 'evaluation_window.as_of_date') }}
    group by small_enterprise_standard.national_industry_group

),

final as (

    select
        parties.*,
        coalesce(strategic_flags.is_strategic_by_customer, false) as is_strategic_by_customer,
        coalesce(strategic_flags.is_strategic_by_group, false) as is_strategic_by_group,
        coalesce(strategic_flags.has_strategic_entry_not_in_force, false) as has_strategic_entry_not_in_force,
        case
            when parties.industry_code is not null then reduced_threshold_matches.party_id is not null
        end as is_reduced_threshold_industry,
        {%- for threshold in ['large_sales', 'reduced_large_sales', 'deposit_scale'] %}
            {{ threshold }}_parameters.value_number as {{ threshold }}_threshold_cny,
            {{ threshold }}_parameters.parameter_version as {{ threshold }}_threshold_version,
            {{ threshold }}_parameters.parameter_source as {{ threshold }}_threshold_source,
        {%- endfor %}
        national_sizes.national_industry_group,
        medium_floors.medium_floor_employees,
        medium_floors.medium_floor_annual_sales_cny,
        medium_floors.medium_floor_total_assets_cny,
        medium_floors.parameter_version as small_enterprise_standard_version,
        admin_level_tiers.tier as admin_level_tier,
        admin_level_tiers.parameter_version as admin_level_tier_version,
        national_sizes.national_size_class,
        national_sizes.national_size_reason
    from parties
    cross join evaluation_window
    left join strategic_flags on parties.party_id = strategic_flags.party_id
    left join reduced_threshold_matches on parties.party_id = reduced_threshold_matches.party_id
    {%- for threshold, code in [('large_sales', 'parties.large_sales_parameter_code'),
        ('reduced_large_sales', 'parties.reduced_large_sales_parameter_code'),
        ('deposit_scale', "'deposit_scale_threshold_cny'")] %}
        left join parameters as {{ threshold }}_parameters
            on parties.branch_code is not distinct from {{ threshold }}_parameters.branch_code
                and parties.region_code is not distinct from {{ threshold }}_parameters.region_code
                and {{ threshold }}_parameters.parameter_code = {{ code }}
    {%- endfor %}
    left join national_sizes
        on parties.party_id = national_sizes.party_id
            and national_sizes.party_kind = case parties.party_kind when 'EXISTING' then 'CUSTOMER' else 'PROSPECT' end
    left join medium_floors
        on national_sizes.national_industry_group = medium_floors.national_industry_group
    left join admin_level_tiers
        on parties.admin_level = admin_level_tiers.admin_level
            and {{ is_in_force('admin_level_tiers', 'evaluation_window.as_of_date') }}

)

select * from final
