{#- 区域差别化 The weights of every composite value score that apply to each segmented party on the as-of date
    (SPEC 4.5, 4.8; DECISIONLOG S-010, S-011), one row per (party, score_code, indicator_code). Weights are
    overridden as a set: for each (party, score_code) the most specific scope with rows in force wins - the party's
    BRANCH, else its REGION, else the HEAD_OFFICE - and all of that scope's rows apply, so the weights used always sum
    to 1 (tested per version and scope). Rows outside [valid_from, valid_to] on the as-of date are ignored. -#}

with

parties as (

    select
        party_id,
        party_kind,
        branch_code,
        region_code
    from {{ ref('int_parties_tiered') }}

),

weights as (

    select
        score_code,
        indicator_code,
        weight,
        scope_type,
        scope_code,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('value_score_weights') }}

),

indicators as (

    select
        population,
        score_code,
        valid_from,
        valid_to
    from {{ ref('value_indicators') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

weights_in_force as (

    select weights.*
    from weights
    inner join evaluation_window
        on {{ is_in_force('weights', 'evaluation_window.as_of_date') }}

),

score_populations as (

    select distinct
        indicators.population,
        indicators.score_code
    from indicators
    inner join evaluation_window
        on {{ is_in_force('indicators', 'evaluation_window.as_of_date') }}

),

candidates as (

    select
        parties.party_id,
        parties.party_kind,
        weights_in_force.score_code,
        weights_in_force.indicator_code,
        weights_in_force.weight,
        weights_in_force.parameter_version,
        weights_in_force.scope_type || ':' || weights_in_force.scope_code as weight_source,
        {{ scope_rank('weights_in_force', 'parties.branch_code', 'parties.region_code') }} as scope_precedence
    from parties
    inner join score_populations
        on parties.party_kind = score_populations.population
    inner join weights_in_force
        on score_populations.score_code = weights_in_force.score_code
            and {{ scope_rank('weights_in_force', 'parties.branch_code', 'parties.region_code') }} is not null

),

candidates_ranked as (

    select
        *,
        min(scope_precedence) over (partition by party_id, score_code) as winning_precedence
    from candidates

),

final as (

    select
        evaluation_window.as_of_date,
        candidates_ranked.party_id,
        candidates_ranked.party_kind,
        candidates_ranked.score_code,
        candidates_ranked.indicator_code,
        cast(candidates_ranked.weight as decimal(18, 10)) as weight,
        candidates_ranked.parameter_version,
        candidates_ranked.weight_source
    from candidates_ranked
    cross join evaluation_window
    where candidates_ranked.scope_precedence = candidates_ranked.winning_precedence

)

select * from final
