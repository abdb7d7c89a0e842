{#- 分层 Tier of every party to segment, with the reason codes that decided it (SPEC 4.3 and 8; DECISIONLOG
    C-010 to C-014). Reads only int_parties_prepared_for_tiering, so each rule is unit-tested on one input.
    Corporate 有贷户 and prospects (all three sub-classes): STRATEGIC when on the strategic list in force; else
    UNRATED when annual sales are missing; LARGE when sales >= the large threshold (the reduced one in a
    reduced-threshold industry); else MEDIUM when every medium floor of the small-enterprise standard is met,
    SMALL when one fails, UNRATED when none fails but one cannot be checked. Institutional 有贷户: the tier of
    the admin level (UNRATED when missing). 无贷户: ABOVE_SCALE when average daily deposit >= the deposit-scale
    threshold, else BELOW_SCALE. Unknown org types: UNRATED. -#}

{%- set floor_indicators = [
    ('EMPLOYEES', 'employees', 'medium_floor_employees'),
    ('ANNUAL_SALES', 'annual_sales_cny', 'medium_floor_annual_sales_cny'),
    ('TOTAL_ASSETS', 'total_assets_cny', 'medium_floor_total_assets_cny'),
] %}

with

parties as (

    select * from {{ ref('int_parties_prepared_for_tiering') }}

),

rules_evaluated as (

    select
        *,
        {%- for indicator, value, floor in floor_indicators %}
            case
                when {{ floor }} is null then 'NONE'
                when {{ value }} is null then 'MISSING'
                when {{ value }} >= {{ floor }} then 'MET'
                else 'FAILED'
            end as {{ indicator | lower }}_floor_status,
        {%- endfor %}
        {%- for suffix in ['cny', 'version', 'source'] %}
            case
                when is_reduced_threshold_industry then reduced_large_sales_threshold_{{ suffix }}
                else large_sales_threshold_{{ suffix }}
            end as applicable_large_sales_threshold_{{ suffix }},
        {%- endfor %}
        sub_class in ('TRADITIONAL', 'EMERGING', 'REAL_ESTATE') as is_corporate_tiered,
        is_strategic_by_customer or is_strategic_by_group as is_strategic
    from parties

),

corporate_outcomes as (

    select
        *,
        case
            when not is_corporate_tiered then null
            when is_strategic then 'STRATEGIC'
            when annual_sales_cny is null then 'MISSING_ANNUAL_SALES'
            when applicable_large_sales_threshold_cny is null then 'MISSING_LARGE_SALES_THRESHOLD'
            when annual_sales_cny >= applicable_large_sales_threshold_cny then 'LARGE'
            when national_industry_group is null then 'MISSING_INDUSTRY_CODE'
            when 'FAILED' in (employees_floor_status, annual_sales_floor_status, total_assets_floor_status)
                then 'SMALL'
            when 'MISSING' in (employees_floor_status, annual_sales_floor_status, total_assets_floor_status)
                then 'MISSING_FLOOR_INPUT'
            else 'MEDIUM'
        end as corporate_outcome
    from rules_evaluated

),

tiers_assigned as (

    select
        *,
        case
            when sub_class = 'UNCLASSIFIED' then 'UNRATED'
            when is_corporate_tiered and corporate_outcome in ('STRATEGIC', 'LARGE', 'MEDIUM', 'SMALL')
                then corporate_outcome
            when is_corporate_tiered then 'UNRATED'
            when sub_class = 'INSTITUTIONAL' then coalesce(admin_level_tier, 'UNRATED')
            when coalesce(sub_class, '') not in ('CORPORATE_NO_LOAN', 'INSTITUTIONAL_NO_LOAN') then null
            when deposit_scale_threshold_cny is null or avg_daily_deposit_cny is null then 'UNRATED'
            when avg_daily_deposit_cny >= deposit_scale_threshold_cny then 'ABOVE_SCALE'
            else 'BELOW_SCALE'
        end as tier
    from corporate_outcomes

),

reasons_stated as (

    select
        *,
        {%- for entity in ['customer', 'group'] %}
            case
                when corporate_outcome = 'STRATEGIC' and is_strategic_by_{{ entity }}
                    then 'STRATEGIC_BY_{{ entity | upper }}'
            end as strategic_by_{{ entity }}_reason,
        {%- endfor %}
        case
            when corporate_outcome in ('MEDIUM', 'SMALL', 'MISSING_FLOOR_INPUT', 'MISSING_INDUSTRY_CODE')
                and is_reduced_threshold_industry then 'BELOW_REDUCED_LARGE_THRESHOLD'
            when corporate_outcome in ('MEDIUM', 'SMALL', 'MISSING_FLOOR_INPUT', 'MISSING_INDUSTRY_CODE')
                then 'BELOW_LARGE_THRESHOLD'
        end as large_threshold_reason,
        case
            when corporate_outcome = 'LARGE' and is_reduced_threshold_industry then 'LARGE_BY_REDUCED_THRESHOLD'
            when corporate_outcome = 'LARGE' then 'LARGE_BY_SALES'
            when corporate_outcome = 'MEDIUM' then 'MEDIUM_ABOVE_SMALL_ENTERPRISE_STANDARD'
            when corporate_outcome = 'SMALL' then 'SMALL_BELOW_STANDARD'
            when corporate_outcome in ('MISSING_ANNUAL_SALES', 'MISSING_LARGE_SALES_THRESHOLD', 'MISSING_INDUSTRY_CODE')
                then corporate_outcome
            when sub_class = 'INSTITUTIONAL' and admin_level_tier is not null then 'ADMIN_LEVEL_' || admin_level
            when sub_class = 'INSTITUTIONAL' then 'MISSING_ADMIN_LEVEL'
            when tier = 'ABOVE_SCALE' then 'ABOVE_SCALE_BY_DEPOSIT'
            when tier = 'BELOW_SCALE' then 'BELOW_SCALE_BY_DEPOSIT'
            when sub_class in ('CORPORATE_NO_LOAN', 'INSTITUTIONAL_NO_LOAN') and deposit_scale_threshold_cny is null
                then 'MISSING_DEPOSIT_SCALE_THRESHOLD'
            when sub_class in ('CORPORATE_NO_LOAN', 'INSTITUTIONAL_NO_LOAN') then 'MISSING_AVG_DAILY_DEPOSIT'
        end as tier_reason,
        {%- for indicator, value, floor in floor_indicators %}
            case
                when corporate_outcome = 'SMALL' and {{ indicator | lower }}_floor_status = 'FAILED'
                    then 'BELOW_MEDIUM_FLOOR_{{ indicator }}'
                when corporate_outcome = 'MISSING_FLOOR_INPUT' and {{ indicator | lower }}_floor_status = 'MISSING'
                    then 'MISSING_{{ indicator }}'
            end as {{ indicator | lower }}_reason,
        {%- endfor %}
        case
            when is_strategic and tier <> 'STRATEGIC' then 'STRATEGIC_LIST_NOT_APPLICABLE'
            when has_strategic_entry_not_in_force and not is_strategic then 'STRATEGIC_ENTRY_NOT_IN_FORCE'
        end as strategic_list_note
    from tiers_assigned

),

decision_sources as (

    select
        *,
        case
            when is_corporate_tiered and corporate_outcome not in ('STRATEGIC', 'MISSING_ANNUAL_SALES')
                then applicable_large_sales_threshold_version
            when sub_class = 'INSTITUTIONAL' then admin_level_tier_version
            when sub_class in ('CORPORATE_NO_LOAN', 'INSTITUTIONAL_NO_LOAN') then deposit_scale_threshold_version
        end as tier_version,
        case
            when corporate_outcome in ('MEDIUM', 'SMALL', 'MISSING_FLOOR_INPUT') then small_enterprise_standard_version
        end as floor_version,
        case
            when is_corporate_tiered and corporate_outcome not in ('STRATEGIC', 'MISSING_ANNUAL_SALES')
                then applicable_large_sales_threshold_source
            when sub_class in ('CORPORATE_NO_LOAN', 'INSTITUTIONAL_NO_LOAN') then deposit_scale_threshold_source
        end as parameter_source
    from reasons_stated

),

final as (

    select
        party_id,
        party_kind,
        party_name,
        org_type,
        industry_code,
        branch_code,
        region_code,
        group_id,
        loan_status,
        market_class,
        sub_class,
        emerging_group,
        tier,
        national_size_class,
        national_size_reason,
        concat_ws(
            ';', classification_reason, strategic_by_customer_reason, strategic_by_group_reason, large_threshold_reason,
            tier_reason, employees_reason, annual_sales_reason, total_assets_reason, strategic_list_note
        ) as reason_codes,
        nullif(concat_ws(
            ';',
            classification_version,
            case when tier_version <> coalesce(classification_version, '') then tier_version end,
            case
                when floor_version <> coalesce(classification_version, '')
                    and floor_version <> coalesce(tier_version, '') then floor_version
            end
        ), '') as parameter_version,
        parameter_source,
        data_quality_flags,
        annual_sales_cny,
        applicable_large_sales_threshold_cny,
        avg_daily_deposit_cny,
        deposit_scale_threshold_cny,
        admin_level
    from decision_sources

)

select * from final
