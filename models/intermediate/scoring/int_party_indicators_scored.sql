{#- 指标评分 Every value indicator of every segmented party scored 0-100 within its group (SPEC 4.1, 4.5 and 8;
    DECISIONLOG S-002, S-003, S-005), one row per (party, indicator). Groups are (as_of_date, population, sub_class,
    tier). The scoring method comes from the seed value_indicators: PERCENTILE = 100 * percent_rank() ascending
    among the group's members that have the input (ties share the lowest rank; a member alone with the input scores
    neutral_indicator_score); BOOLEAN = 100 / 0; DIRECT = the input as given (asset quality scale, 0-100 assessments,
    lifecycle and industry outlook scores). A member without the input scores the continuous median of the scores of
    the members that have it (quantile_cont 0.5) and is flagged; when no member has it, neutral_indicator_score. -#}

with

inputs_with_method as (

    select * from {{ ref('int_party_indicator_inputs_unpivoted') }}

),

neutral_score as (

    select
        neutral_indicator_score,
        neutral_indicator_score_version as parameter_version
    from {{ ref('int_policy_parameters_at_head_office') }}

),

present_inputs_ranked as (

    select
        as_of_date,
        party_id,
        party_kind,
        sub_class,
        tier,
        indicator_code,
        raw_value,
        percent_rank() over (
            partition by as_of_date, party_kind, sub_class, tier, indicator_code order by raw_value
        ) as percent_rank_value,
        case
            when scoring_method = 'PERCENTILE'
                and count(*) over (partition by as_of_date, party_kind, sub_class, tier, indicator_code) = 1
                then 'ALONE_WITH_INPUT_NEUTRAL'
            when scoring_method = 'PERCENTILE' then 'PERCENT_RANK'
            when scoring_method = 'BOOLEAN' then 'BOOLEAN'
            when scoring_method = 'DIRECT' then 'AS_GIVEN'
        end as score_basis
    from inputs_with_method
    where raw_value is not null

),

present_inputs_scored as (

    select
        present_inputs_ranked.*,
        cast(
            case present_inputs_ranked.score_basis
                when 'ALONE_WITH_INPUT_NEUTRAL' then neutral_score.neutral_indicator_score
                when 'PERCENT_RANK' then 100 * present_inputs_ranked.percent_rank_value
                when 'BOOLEAN' then 100 * present_inputs_ranked.raw_value
                when 'AS_GIVEN' then present_inputs_ranked.raw_value
            end as decimal(38, 10)
        ) as indicator_score
    from present_inputs_ranked
    cross join neutral_score

),

group_median_scores as (

    select
        as_of_date,
        party_kind,
        sub_class,
        tier,
        indicator_code,
        {{ quantile_cont('indicator_score', 0.5) }} as median_score,
        count(*) as members_with_input
    from present_inputs_scored
    group by as_of_date, party_kind, sub_class, tier, indicator_code

),

final as (

    select
        inputs_with_method.as_of_date,
        inputs_with_method.party_id,
        inputs_with_method.party_kind,
        inputs_with_method.sub_class,
        inputs_with_method.tier,
        inputs_with_method.score_code,
        inputs_with_method.indicator_code,
        inputs_with_method.scoring_method,
        inputs_with_method.raw_value,
        inputs_with_method.raw_value is not null as has_input,
        coalesce(group_median_scores.members_with_input, 0) as group_members_with_input,
        cast(
            coalesce(
                present_inputs_scored.indicator_score,
                group_median_scores.median_score,
                neutral_score.neutral_indicator_score
            ) as decimal(38, 10)
        ) as indicator_score,
        case
            when present_inputs_scored.party_id is not null then present_inputs_scored.score_basis
            when group_median_scores.median_score is not null then 'MISSING_GROUP_MEDIAN'
            else 'MISSING_NO_MEMBER_INPUT_NEUTRAL'
        end as score_basis,
        case
            when present_inputs_scored.party_id is null then 'MISSING_' || inputs_with_method.indicator_code
        end as missing_input_flag,
        inputs_with_method.parameter_version as indicator_version,
        inputs_with_method.input_version,
        neutral_score.parameter_version as neutral_score_version
    from inputs_with_method
    cross join neutral_score
    left join present_inputs_scored
        on inputs_with_method.party_id = present_inputs_scored.party_id
            and inputs_with_method.indicator_code = present_inputs_scored.indicator_code
    left join group_median_scores
        on inputs_with_method.as_of_date = group_median_scores.as_of_date
            and inputs_with_method.party_kind = group_median_scores.party_kind
            and inputs_with_method.sub_class = group_median_scores.sub_class
            and inputs_with_method.tier = group_median_scores.tier
            and inputs_with_method.indicator_code = group_median_scores.indicator_code

)

select * from final
