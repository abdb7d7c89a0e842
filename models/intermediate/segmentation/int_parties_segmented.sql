{#- 客户群细分结果 Everything the matrix issue adds to customer_segments, one row per segmented party (SPEC 4.5 to
    4.8 and 5; DECISIONLOG S-): both values, both thresholds with their method and source, the levels, the quadrant
    and its labels, the six strategies (code and Chinese text), the secondary labels, the indicator inputs that were
    missing, the reason codes of the split, and every parameter version and override source that decided the row
    (distinct, joined with ';'). customer_segments and both segment matrices read it, so they agree by
    construction (and are reconciled by tests). -#}

with

parties as (

    select * from {{ ref('int_parties_quadrants_assigned') }}

),

values_scored as (

    select
        party_id,
        customer_value_basis,
        industry_space_score,
        growth_score,
        influence_score,
        missing_input_flags
    from {{ ref('int_parties_value_scored') }}

),

strategies as (

    select
        party_id,
        strategy_dimension,
        strategy_code,
        strategy_text_zh,
        parameter_version,
        strategy_source
    from {{ ref('int_parties_strategies_assigned') }}

),

secondary_labels as (

    select
        party_id,
        credit_history,
        credit_history_zh,
        credit_history_basis,
        needs,
        needs_zh,
        industry_section,
        industry_section_zh,
        credit_history_version,
        needs_version,
        industry_section_version
    from {{ ref('int_parties_secondary_labelled') }}

),

weights as (

    select
        party_id,
        parameter_version,
        weight_source
    from {{ ref('int_parties_value_weights_resolved') }}

),

indicator_scores as (

    select
        party_id,
        indicator_version,
        input_version,
        neutral_score_version
    from {{ ref('int_party_indicators_scored') }}

),

strategies_pivoted as (

    select
        party_id,
        {%- for dimension in ['PRODUCT', 'PRICE', 'SERVICE', 'MARKETING', 'PROCESS', 'RELATIONSHIP'] %}
            max(case when strategy_dimension = '{{ dimension }}' then strategy_code end)
                as {{ dimension | lower }}_strategy_code,
            max(case when strategy_dimension = '{{ dimension }}' then strategy_text_zh end)
                as {{ dimension | lower }}_strategy,
        {%- endfor %}
        count(*) as strategy_count,
        {{ collect_distinct(['parameter_version']) }} as strategy_versions,
        {{ collect_distinct(['strategy_source']) }} as strategy_sources
    from strategies
    group by party_id

),

weights_listed as (

    select
        party_id,
        {{ collect_distinct(['parameter_version']) }} as weight_versions,
        {{ collect_distinct(['weight_source']) }} as weight_sources
    from weights
    group by party_id

),

indicator_versions_listed as (

    select
        party_id,
        {{ collect_distinct(['indicator_version', 'input_version', 'neutral_score_version']) }} as indicator_versions
    from indicator_scores
    group by party_id

),

final as (

    select
        parties.as_of_date,
        parties.party_id,
        parties.party_kind,
        parties.loan_status,
        parties.market_class,
        parties.sub_class,
        parties.tier,
        parties.branch_code,
        parties.region_code,
        parties.customer_value,
        values_scored.customer_value_basis,
        parties.bank_value,
        values_scored.industry_space_score,
        values_scored.growth_score,
        values_scored.influence_score,
        parties.group_party_count,
        parties.customer_value_threshold,
        parties.customer_value_threshold_method,
        parties.customer_value_quantile_p,
        parties.customer_value_threshold_source,
        parties.customer_value_threshold_version,
        parties.bank_value_threshold,
        parties.bank_value_threshold_method,
        parties.bank_value_quantile_p,
        parties.bank_value_threshold_source,
        parties.bank_value_threshold_version,
        parties.customer_value_level,
        parties.bank_value_level,
        parties.quadrant,
        parties.quadrant_zh,
        parties.quadrant_en,
        parties.quadrant_label_version,
        parties.quadrant_label_source,
        {%- for dimension in ['product', 'price', 'service', 'marketing', 'process', 'relationship'] %}
            strategies_pivoted.{{ dimension }}_strategy_code,
            strategies_pivoted.{{ dimension }}_strategy,
        {%- endfor %}
        coalesce(strategies_pivoted.strategy_count, 0) as strategy_count,
        secondary_labels.credit_history,
        secondary_labels.credit_history_zh,
        secondary_labels.credit_history_basis,
        secondary_labels.needs,
        secondary_labels.needs_zh,
        secondary_labels.industry_section,
        secondary_labels.industry_section_zh,
        values_scored.missing_input_flags,
        nullif(concat_ws(';', parties.level_reasons, values_scored.missing_input_flags), '') as segment_reason_codes,
        {{ joined_distinct(
            values=['parties.customer_value_threshold_version', 'parties.bank_value_threshold_version',
                'parties.quadrant_label_version', 'secondary_labels.credit_history_version',
                'secondary_labels.needs_version', 'secondary_labels.industry_section_version'],
            lists=['weights_listed.weight_versions', 'indicator_versions_listed.indicator_versions',
                'strategies_pivoted.strategy_versions']) }} as matrix_parameter_version,
        {{ joined_distinct(
            values=['parties.customer_value_threshold_source', 'parties.bank_value_threshold_source',
                'parties.quadrant_label_source'],
            lists=['weights_listed.weight_sources', 'strategies_pivoted.strategy_sources']) }}
            as matrix_parameter_source
    from parties
    left join values_scored on parties.party_id = values_scored.party_id
    left join strategies_pivoted on parties.party_id = strategies_pivoted.party_id
    left join secondary_labels on parties.party_id = secondary_labels.party_id
    left join weights_listed on parties.party_id = weights_listed.party_id
    left join indicator_versions_listed on parties.party_id = indicator_versions_listed.party_id

)

select * from final
