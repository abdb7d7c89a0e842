{#- 差别化服务 The six service strategies of every segmented party (SPEC 4.7, 4.8; DECISIONLOG S-016, S-017), one
    row per (party, strategy_dimension): PRODUCT 产品, PRICE 价格, SERVICE 服务 (relationship-manager coverage and
    channel), MARKETING 营销, PROCESS 流程 (approval path), RELATIONSHIP 客户关系. For each dimension the row of
    seed service_strategies in force for the party's population and quadrant wins first by scope (BRANCH > REGION >
    HEAD_OFFICE), then by tier (a row for the party's tier beats the ALL row), so a tier refinement replaces only
    the dimensions it lists. -#}

with

parties as (

    select
        party_id,
        party_kind,
        tier,
        branch_code,
        region_code,
        quadrant
    from {{ ref('int_parties_quadrants_assigned') }}

),

strategies as (

    select
        population,
        quadrant,
        tier,
        strategy_dimension,
        strategy_code,
        strategy_text_zh,
        scope_type,
        scope_code,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('service_strategies') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

strategies_in_force as (

    select strategies.*
    from strategies
    inner join evaluation_window
        on {{ is_in_force('strategies', 'evaluation_window.as_of_date') }}

),

candidates as (

    select
        parties.party_id,
        strategies_in_force.strategy_dimension,
        strategies_in_force.strategy_code,
        strategies_in_force.strategy_text_zh,
        strategies_in_force.tier <> 'ALL' as is_tier_refined,
        strategies_in_force.parameter_version,
        strategies_in_force.scope_type || ':' || strategies_in_force.scope_code as strategy_source,
        row_number() over (
            partition by parties.party_id, strategies_in_force.strategy_dimension
            order by
                {{ scope_rank('strategies_in_force', 'parties.branch_code', 'parties.region_code') }},
                case when strategies_in_force.tier = 'ALL' then 2 else 1 end
        ) as precedence_rank
    from parties
    inner join strategies_in_force
        on parties.party_kind = strategies_in_force.population
            and parties.quadrant = strategies_in_force.quadrant
            and strategies_in_force.tier in ('ALL', parties.tier)
            and {{ scope_rank('strategies_in_force', 'parties.branch_code', 'parties.region_code') }} is not null

),

final as (

    select
        evaluation_window.as_of_date,
        candidates.party_id,
        candidates.strategy_dimension,
        candidates.strategy_code,
        candidates.strategy_text_zh,
        candidates.is_tier_refined,
        candidates.parameter_version,
        candidates.strategy_source
    from candidates
    cross join evaluation_window
    where candidates.precedence_rank = 1

)

select * from final
