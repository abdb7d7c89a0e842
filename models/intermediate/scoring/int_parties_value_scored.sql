{#- 二维评价 The two value dimensions of every segmented party on the as-of date (SPEC 4.5 and 8; DECISIONLOG S-001,
    S-008 to S-010), one row per party. Bank value 银行对客户价值 (0-100) = sum of indicator score * weight
    (EXISTING_BANK_VALUE for existing customers, TARGET_BANK_VALUE for targets). Customer value 客户对银行价值 =
    the published profit_contribution (CNY, customer_profitability) for existing customers and, for targets, the
    potential value 潜在价值贡献度 = industry space * w1 + growth * w2 + influence * w3, where growth = weighted
    TARGET_GROWTH (revenue-growth percentile, lifecycle score) and influence = weighted TARGET_INFLUENCE (market
    and chain influence). Both values are rounded half-up to 2 decimals here: the published value is the value the
    thresholds and quadrants use (S-001). -#}

with

parties as (

    select
        party_id,
        party_kind,
        loan_status,
        market_class,
        sub_class,
        tier,
        branch_code,
        region_code
    from {{ ref('int_parties_tiered') }}

),

indicator_scores as (

    select
        party_id,
        score_code,
        indicator_code,
        indicator_score,
        missing_input_flag,
        indicator_version,
        neutral_score_version
    from {{ ref('int_party_indicators_scored') }}

),

weights as (

    select
        party_id,
        score_code,
        indicator_code,
        weight,
        parameter_version,
        weight_source
    from {{ ref('int_parties_value_weights_resolved') }}

),

profitability as (

    select
        customer_id,
        profit_contribution
    from {{ ref('int_customers_profit_contributed') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

leaf_scores_weighted as (

    select
        indicator_scores.party_id,
        indicator_scores.score_code,
        sum(indicator_scores.indicator_score * weights.weight) as weighted_score
    from indicator_scores
    inner join weights
        on indicator_scores.party_id = weights.party_id
            and indicator_scores.score_code = weights.score_code
            and indicator_scores.indicator_code = weights.indicator_code
    group by indicator_scores.party_id, indicator_scores.score_code

),

potential_value_components as (

    select
        party_id,
        indicator_code,
        indicator_score as component_score
    from indicator_scores
    where score_code = 'TARGET_POTENTIAL_VALUE'
    union all
    select
        party_id,
        replace(score_code, 'TARGET_', '') as indicator_code,
        weighted_score as component_score
    from leaf_scores_weighted
    where score_code in ('TARGET_GROWTH', 'TARGET_INFLUENCE')

),

potential_values as (

    select
        potential_value_components.party_id,
        {%- for component in ['industry_space', 'growth', 'influence'] %}
            max(case when potential_value_components.indicator_code = '{{ component | upper }}'
                    then potential_value_components.component_score
            end) as {{ component }}_score,
        {%- endfor %}
        sum(potential_value_components.component_score * weights.weight) as potential_value
    from potential_value_components
    inner join weights
        on potential_value_components.party_id = weights.party_id
            and weights.score_code = 'TARGET_POTENTIAL_VALUE'
            and potential_value_components.indicator_code = weights.indicator_code
    group by potential_value_components.party_id

),

indicator_lists as (

    select
        party_id,
        {{ dbt.listagg('missing_input_flag', "';'", 'order by missing_input_flag') }} as missing_input_flags,
        {{ collect_distinct(['indicator_version', 'neutral_score_version']) }} as indicator_versions
    from indicator_scores
    group by party_id

),

weight_lists as (

    select
        party_id,
        {{ collect_distinct(['parameter_version']) }} as weight_versions,
        {{ joined_distinct(lists=[collect_distinct(['weight_source'])]) }} as weight_source
    from weights
    group by party_id

),

final as (

    select
        evaluation_window.as_of_date,
        parties.party_id,
        parties.party_kind,
        parties.loan_status,
        parties.market_class,
        parties.sub_class,
        parties.tier,
        parties.branch_code,
        parties.region_code,
        cast(
            case
                when parties.party_kind = 'EXISTING' then profitability.profit_contribution
                else round(potential_values.potential_value, 2)
            end as decimal(18, 2)
        ) as customer_value,
        case
            when parties.party_kind = 'EXISTING' then 'PROFIT_CONTRIBUTION'
            else 'POTENTIAL_VALUE'
        end as customer_value_basis,
        cast(round(bank_values.weighted_score, 2) as decimal(18, 2)) as bank_value,
        {%- for component in ['industry_space', 'growth', 'influence'] %}
            cast(round(potential_values.{{ component }}_score, 4) as decimal(18, 4)) as {{ component }}_score,
        {%- endfor %}
        nullif(concat_ws(
            ';',
            case
                when parties.party_kind = 'EXISTING' and profitability.customer_id is null
                    then 'MISSING_PROFIT_CONTRIBUTION'
            end,
            indicator_lists.missing_input_flags
        ), '') as missing_input_flags,
        {{ joined_distinct(lists=['weight_lists.weight_versions', 'indicator_lists.indicator_versions']) }}
            as value_parameter_version,
        weight_lists.weight_source
    from parties
    cross join evaluation_window
    left join profitability
        on parties.party_kind = 'EXISTING'
            and parties.party_id = profitability.customer_id
    left join potential_values on parties.party_id = potential_values.party_id
    left join leaf_scores_weighted as bank_values
        on parties.party_id = bank_values.party_id
            and bank_values.score_code in ('EXISTING_BANK_VALUE', 'TARGET_BANK_VALUE')
    left join indicator_lists on parties.party_id = indicator_lists.party_id
    left join weight_lists on parties.party_id = weight_lists.party_id

)

select * from final
