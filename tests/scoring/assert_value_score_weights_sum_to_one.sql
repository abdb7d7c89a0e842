{#- 权重之和为1 (SPEC 4.5): the weights of every composite score sum to 1 for every version and scope of
    the seed value_score_weights (a region or branch overrides a score's weights as a whole set, DECISIONLOG S-010),
    and the weights actually applied to every party sum to 1 per score. Weights are stored to 10 decimals, so 1/11
    is 0.0909090909 and a sum may differ from 1 by at most 1e-9. Returns one row per offending set. -#}

with

weights as (

    select * from {{ ref('value_score_weights') }}

),

applied_weights as (

    select * from {{ ref('int_parties_value_weights_resolved') }}

),

seed_sets as (

    select
        'SEED' as checked_in,
        score_code,
        scope_type || ':' || scope_code || ' ' || parameter_version || ' from '
        || cast(valid_from as {{ dbt.type_string() }}) as weight_set,
        sum(weight) as weight_sum
    from weights
    group by score_code, scope_type, scope_code, parameter_version, valid_from

),

party_sets as (

    select
        'APPLIED' as checked_in,
        score_code,
        party_id as weight_set,
        sum(weight) as weight_sum
    from applied_weights
    group by score_code, party_id

),

all_sets as (

    select * from seed_sets
    union all
    select * from party_sets

)

select *
from all_sets
where weight_sum < 0.999999999 or weight_sum > 1.000000001
