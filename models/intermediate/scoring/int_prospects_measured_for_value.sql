{#- 目标客户价值 The raw inputs of the two value dimensions of every target prospect (SPEC 4.5 and 8; DECISIONLOG
    S-008, S-009), one row per target party, before any scoring. Bank value to target: product_fit,
    marketing_feasibility, product_advantage and service_convenience scores (0-100, relationship-manager
    assessments, as given; out-of-range values were nulled in staging). Potential value: the industry outlook of
    the longest matching industry-code prefix (seed industry_outlook_scores; no match or no code -> the default
    row), revenue_growth_rate, the lifecycle score of the stage (seed lifecycle_stage_scores) and the market and
    chain influence scores. Null = missing (scored later at the group median and flagged). -#}

with

parties as (

    select
        party_id,
        party_kind,
        sub_class,
        tier,
        branch_code,
        region_code,
        industry_code
    from {{ ref('int_parties_tiered') }}
    where party_kind = 'TARGET'

),

prospects as (

    select
        prospect_id,
        revenue_growth_rate,
        lifecycle_stage,
        market_influence_score,
        chain_influence_score,
        product_fit_score,
        marketing_feasibility_score,
        product_advantage_score,
        service_convenience_score,
        assessed_date
    from {{ ref('stg_bank__prospects') }}

),

lifecycle_stage_scores as (

    select
        lifecycle_stage,
        lifecycle_score,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('lifecycle_stage_scores') }}

),

industry_outlook_scores as (

    select
        industry_prefix,
        is_default,
        outlook_score,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('industry_outlook_scores') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

lifecycle_stage_scores_in_force as (

    select lifecycle_stage_scores.*
    from lifecycle_stage_scores
    inner join evaluation_window
        on {{ is_in_force('lifecycle_stage_scores', 'evaluation_window.as_of_date') }}

),

industry_outlook_scores_in_force as (

    select industry_outlook_scores.*
    from industry_outlook_scores
    inner join evaluation_window
        on {{ is_in_force('industry_outlook_scores', 'evaluation_window.as_of_date') }}

),

industry_prefix_matches as (

    select
        parties.party_id,
        industry_outlook_scores_in_force.industry_prefix,
        industry_outlook_scores_in_force.outlook_score,
        industry_outlook_scores_in_force.parameter_version,
        row_number() over (
            partition by parties.party_id
            order by {{ dbt.length('industry_outlook_scores_in_force.industry_prefix') }} desc
        ) as prefix_rank
    from parties
    inner join industry_outlook_scores_in_force
        on not industry_outlook_scores_in_force.is_default
            and parties.industry_code like industry_outlook_scores_in_force.industry_prefix || '%'

),

default_outlook as (

    select
        max(outlook_score) as outlook_score,
        max(parameter_version) as parameter_version
    from industry_outlook_scores_in_force
    where is_default

),

final as (

    select
        evaluation_window.as_of_date,
        parties.party_id,
        parties.party_kind,
        parties.sub_class,
        parties.tier,
        parties.branch_code,
        parties.region_code,
        parties.industry_code,
        prospects.assessed_date,
        prospects.product_fit_score,
        prospects.marketing_feasibility_score,
        prospects.product_advantage_score,
        prospects.service_convenience_score,
        prospects.market_influence_score,
        prospects.chain_influence_score,
        prospects.revenue_growth_rate,
        prospects.lifecycle_stage,
        lifecycle_stage_scores_in_force.lifecycle_score,
        industry_prefix_matches.industry_prefix as industry_outlook_prefix,
        coalesce(industry_prefix_matches.outlook_score, default_outlook.outlook_score) as industry_space_score,
        case
            when
                industry_prefix_matches.industry_prefix is not null
                then 'INDUSTRY_PREFIX_' || industry_prefix_matches.industry_prefix
            when parties.industry_code is null then 'MISSING_INDUSTRY_CODE_DEFAULT_OUTLOOK'
            else 'NO_PREFIX_MATCH_DEFAULT_OUTLOOK'
        end as industry_space_basis,
        coalesce(industry_prefix_matches.parameter_version, default_outlook.parameter_version)
            as industry_outlook_version,
        lifecycle_stage_scores_in_force.parameter_version as lifecycle_version
    from parties
    cross join evaluation_window
    cross join default_outlook
    left join prospects on parties.party_id = prospects.prospect_id
    left join lifecycle_stage_scores_in_force
        on prospects.lifecycle_stage = lifecycle_stage_scores_in_force.lifecycle_stage
    left join industry_prefix_matches
        on parties.party_id = industry_prefix_matches.party_id
            and industry_prefix_matches.prefix_rank = 1

)

select * from final
