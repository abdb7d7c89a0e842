{#- 指标输入 Every value indicator's raw input of every segmented party, one row per (party, indicator) with the
    scoring method, score and version of seed value_indicators in force (SPEC 4.5 and 8; DECISIONLOG S-005 to
    S-007): the eleven bank-value inputs of an existing customer (int_customers_measured_for_bank_value) and the
    nine inputs of a target (int_prospects_measured_for_value), booleans as 1 / 0, null when missing.
    int_party_indicators_scored scores them within their groups. -#}

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

indicator_inputs as (

    {%- for inputs, indicators in [('existing_inputs', existing_indicators), ('target_inputs', target_indicators)] %}
        {%- set outer_loop = loop %}
        {%- for indicator_code, expression, version_column in indicators %}
            select
                as_of_date,
                party_id,
                party_kind,
                sub_class,
                tier,
                '{{ indicator_code }}' as indicator_code,
                cast({{ expression }} as decimal(38, 10)) as raw_value,
                {{ version_column or 'cast(null as ' ~ dbt.type_string() ~ ')' }} as input_version
            from {{ inputs }}
            {%- if not (outer_loop.last and loop.last) %}
                union all
            {%- endif %}
        {%- endfor %}
    {%- endfor %}

),

final as (

    select
        indicator_inputs.*,
        indicators.score_code,
        indicators.scoring_method,
        indicators.parameter_version
    from indicator_inputs
    cross join evaluation_window
    inner join indicators
        on indicator_inputs.party_kind = indicators.population
            and indicator_inputs.indicator_code = indicators.indicator_code
            and {{ is_in_force('indicators', 'evaluation_window.as_of_date') }}

)

select * from final
