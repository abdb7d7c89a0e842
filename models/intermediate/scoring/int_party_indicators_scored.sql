{#- 指标评分 Every value indicator of every segmented party scored 0-100 within its group (SPEC 4.1, 4.5 and 8;
    DECISIONLOG S-002, S-003, S-005), one row per (party, indicator). Groups are (as_of_date, population, sub_class,
    tier). The scoring method comes from the seed value_indicators: PERCENTILE = 100 * percent_rank() ascending
    among the group's members that have the input (ties share the lowest rank; a member alone with the input scores
    neutral_indicator_score); BOOLEAN = 100 / 0; DIRECT = the input as given (asset quality scale, 0-100 assessments,
    lifecycle and industry outlook scores). A member without the input scores the continuous median of the scores of
    the members that have it (quantile_cont 0.5) and is flagged; when no member has it, neutral_indicator_score. -#}

with

existing_inputs as (

    select * from {{ ref('int_customers_measured_for_bank_value') }}

),

target_inputs as (

    select * from {{ ref('int_prospects_measured_for_value') }}

),

indicators as (

    select
        population,
        score_code,
        indicator_code,
        scoring_method,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('value_indicators') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

neutral_score as (

    select
        neutral_indicator_score,
        neutral_indicator_score_version as parameter_version
    from {{ ref('int_policy_parameters_at_head_office') }}

),

indicators_in_force as (

    select indicators.*
    from indicators
    inner join evaluation_window
        on {{ is_in_force('indicators', 'evaluation_window.as_of_date') }}

),

{%- set existing_indicators = [
    ('MARKET_SHARE', 'market_share', none),
    ('PRODUCT_COVERAGE', 'product_coverage', none),
    ('ACCOUNTS', 'weighted_account_count', 'account_weight_version'),
    ('TENURE', 'tenure_years', none),
    ('BALANCES', 'avg_daily_balance_cny', none),
    ('ACTIVITY', 'avg_monthly_txn_count', none),
    ('GROWTH', 'balance_growth_rate', none),
    ('EXEC_VIP', 'case when exec_is_vip then 1 when not exec_is_vip then 0 end', none),
    ('ASSET_QUALITY', 'asset_quality_score', 'asset_quality_version'),
    ('COOPERATION_AGREEMENT', 'case when has_cooperation_agreement then 1 when not has_cooperation_agreement then 0 end', none),
    ('SATISFACTION', 'satisfaction_score', none),
] %}
{%- set target_indicators = [
    ('PRODUCT_FIT', 'product_fit_score', none),
    ('MARKETING_FEASIBILITY', 'marketing_feasibility_score', none),
    ('PRODUCT_ADVANTAGE', 'product_advantage_score', none),
    ('SERVICE_CONVENIENCE', 'service_convenience_score', none),
    ('REVENUE_GROWTH', 'revenue_growth_rate', none),
    ('LIFECYCLE_STAGE', 'lifecycle_score', 'lifecycle_version'),
    ('MARKET_INFLUENCE', 'market_influence_score', none),
    ('CHAIN_INFLUENCE', 'chain_influence_score', none),
    ('INDUSTRY_SPACE', 'industry_space_score', 'industry_outlook_version'),
] %}

indicator_inputs as (

    {%- for indicator_code, expression, version_column in existing_indicators %}
        select
            as_of_date,
            party_id,
            party_kind,
            sub_class,
            tier,
            '{{ indicator_code }}' as indicator_code,
            cast({{ expression }} as decimal(38, 10)) as raw_value,
            {%- if version_column %}
                {{ version_column }} as input_version
            {%- else %}
                cast(null as {{ dbt.type_string() }}) as input_version
            {%- endif %}
        from existing_inputs
        union all
    {%- endfor %}
    {%- for indicator_code, expression, version_column in target_indicators %}
        select
            as_of_date,
            party_id,
            party_kind,
            sub_class,
            tier,
            '{{ indicator_code }}' as indicator_code,
            cast({{ expression }} as decimal(38, 10)) as raw_value,
            {%- if version_column %}
                {{ version_column }} as input_version
            {%- else %}
                cast(null as {{ dbt.type_string() }}) as input_version
            {%- endif %}
        from target_inputs
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

inputs_with_method as (

    select
        indicator_inputs.*,
        indicators_in_force.score_code,
        indicators_in_force.scoring_method,
        indicators_in_force.parameter_version
    from indicator_inputs
    inner join indicators_in_force
        on indicator_inputs.party_kind = indicators_in_force.population
            and indicator_inputs.indicator_code = indicators_in_force.indicator_code

),

present_inputs_ranked as (

    select
        as_of_date,
        party_id,
        party_kind,
        sub_class,
        tier,
        indicator_code,
        scoring_method,
        raw_value,
        percent_rank() over (
            partition by as_of_date, party_kind, sub_class, tier, indicator_code order by raw_value
        ) as percent_rank_value,
        count(*) over (
            partition by as_of_date, party_kind, sub_class, tier, indicator_code
        ) as members_with_input
    from inputs_with_method
    where raw_value is not null

),

present_inputs_scored as (

    select
        present_inputs_ranked.*,
        cast(
            case
                when present_inputs_ranked.scoring_method = 'PERCENTILE'
                    and present_inputs_ranked.members_with_input = 1
                    then neutral_score.neutral_indicator_score
                when present_inputs_ranked.scoring_method = 'PERCENTILE'
                    then 100 * present_inputs_ranked.percent_rank_value
                when present_inputs_ranked.scoring_method = 'BOOLEAN' then 100 * present_inputs_ranked.raw_value
                when present_inputs_ranked.scoring_method = 'DIRECT' then present_inputs_ranked.raw_value
            end as decimal(38, 10)
        ) as indicator_score,
        case
            when present_inputs_ranked.scoring_method = 'PERCENTILE'
                and present_inputs_ranked.members_with_input = 1 then 'ALONE_WITH_INPUT_NEUTRAL'
            when present_inputs_ranked.scoring_method = 'PERCENTILE' then 'PERCENT_RANK'
            when present_inputs_ranked.scoring_method = 'BOOLEAN' then 'BOOLEAN'
            when present_inputs_ranked.scoring_method = 'DIRECT' then 'AS_GIVEN'
        end as score_basis
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
