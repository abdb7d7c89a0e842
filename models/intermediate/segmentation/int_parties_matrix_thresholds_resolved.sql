{#- 区域差别化 The threshold rule of each matrix axis that applies to each segmented party on the as-of date
    (SPEC 4.6, 4.8; DECISIONLOG S-011, S-012), one row per (party, value_axis): the row of seed matrix_thresholds
    in force (valid_from <= as_of_date <= valid_to, null = open) for the party's population whose scope is the
    most specific - the party's BRANCH, else its REGION, else the HEAD_OFFICE - and, within a scope, whose
    sub_class / tier filter is the most specific (both given, tier only, sub_class only, ALL). The rule is a
    method (MEDIAN, QUANTILE with quantile_p, ABSOLUTE with absolute_value); the statistic itself is computed over
    the whole (as_of_date, population, sub_class, tier) group in int_parties_thresholded. -#}

with

parties as (

    select
        party_id,
        party_kind,
        sub_class,
        tier,
        branch_code,
        region_code
    from {{ ref('int_parties_tiered') }}

),

thresholds as (

    select
        population,
        value_axis,
        sub_class,
        tier,
        threshold_method,
        quantile_p,
        absolute_value,
        scope_type,
        scope_code,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('matrix_thresholds') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

thresholds_in_force as (

    select thresholds.*
    from thresholds
    inner join evaluation_window
        on {{ is_in_force('thresholds', 'evaluation_window.as_of_date') }}

),

candidates as (

    select
        parties.party_id,
        parties.party_kind,
        parties.sub_class,
        parties.tier,
        thresholds_in_force.value_axis,
        thresholds_in_force.threshold_method,
        thresholds_in_force.quantile_p,
        thresholds_in_force.absolute_value,
        thresholds_in_force.parameter_version,
        thresholds_in_force.scope_type || ':' || thresholds_in_force.scope_code as threshold_source,
        {{ scope_rank('thresholds_in_force', 'parties.branch_code', 'parties.region_code') }} as scope_precedence,
        case
            when thresholds_in_force.sub_class <> 'ALL' and thresholds_in_force.tier <> 'ALL' then 1
            when thresholds_in_force.tier <> 'ALL' then 2
            when thresholds_in_force.sub_class <> 'ALL' then 3
            else 4
        end as filter_precedence
    from parties
    inner join thresholds_in_force
        on parties.party_kind = thresholds_in_force.population
            and thresholds_in_force.sub_class in ('ALL', parties.sub_class)
            and thresholds_in_force.tier in ('ALL', parties.tier)
            and {{ scope_rank('thresholds_in_force', 'parties.branch_code', 'parties.region_code') }} is not null

),

candidates_ranked as (

    select
        *,
        row_number() over (
            partition by party_id, value_axis
            order by scope_precedence, filter_precedence
        ) as precedence_rank
    from candidates

),

final as (

    select
        evaluation_window.as_of_date,
        candidates_ranked.party_id,
        candidates_ranked.party_kind,
        candidates_ranked.sub_class,
        candidates_ranked.tier,
        candidates_ranked.value_axis,
        candidates_ranked.threshold_method,
        cast(candidates_ranked.quantile_p as decimal(9, 6)) as quantile_p,
        cast(candidates_ranked.absolute_value as decimal(18, 2)) as absolute_value,
        candidates_ranked.parameter_version,
        candidates_ranked.threshold_source
    from candidates_ranked
    cross join evaluation_window
    where candidates_ranked.precedence_rank = 1

)

select * from final
