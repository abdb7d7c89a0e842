{#- 细分追溯 The audit trail of every segmented party (SPEC 1 "Auditors", 4.2 to 4.8): one row per (party, rule
    step) in the order the rules apply - EXISTENCE, LOAN_STATUS, MARKET_CLASS, SUB_CLASS, TIER, NATIONAL_SIZE,
    VALUE_INPUTS, CUSTOMER_VALUE, BANK_VALUE, QUADRANT and the six STRATEGY_<dimension> steps - with the step's
    outcome, the input and threshold it compared, the parameter version and override source that decided it, and
    the ';'-joined list its reason codes are taken from (int_party_reason_codes_explained picks the step's own
    codes and gives their plain-words texts). -#}
{#- One row per step: (order, rule_step, outcome, input_value, input_text, threshold_value, parameter_version,
    parameter_source, source_reason_codes), as expressions over parties_traced. input_value and threshold_value are
    the amounts a step compared (CNY or a 0-100 score); input_text is the code it used. -#}
{%- set no_loan = "parties_traced.sub_class in ('CORPORATE_NO_LOAN', 'INSTITUTIONAL_NO_LOAN')" %}
{%- set party_steps = [
    (1, 'EXISTENCE', 'party_kind', 'null', 'null', 'null', 'null', 'null',
        "coalesce(existence_basis, 'PROSPECT_NOT_A_CUSTOMER')"),
    (2, 'LOAN_STATUS', 'loan_status', 'on_balance_loan_cny_as_of', 'null', 'null', 'parameter_version', 'null',
        'reason_codes'),
    (3, 'MARKET_CLASS', 'market_class', 'null', 'org_type', 'null', 'parameter_version', 'null', 'reason_codes'),
    (4, 'SUB_CLASS', "concat_ws(' ', sub_class, emerging_group)", 'null', 'industry_code', 'null',
        'parameter_version', 'null', 'reason_codes'),
    (5, 'TIER', 'tier', 'case when ' ~ no_loan ~ ' then avg_daily_deposit_cny else annual_sales_cny end',
        'admin_level',
        'case when ' ~ no_loan ~ ' then deposit_scale_threshold_cny else applicable_large_sales_threshold_cny end',
        'parameter_version', 'parameter_source', 'reason_codes'),
    (6, 'NATIONAL_SIZE', 'national_size_class', 'null', 'null', 'null', 'null', 'null', 'national_size_reason'),
    (7, 'VALUE_INPUTS', 'null', 'null', 'null', 'null', 'null', 'null', 'missing_input_flags'),
    (8, 'CUSTOMER_VALUE', 'customer_value_level', 'customer_value', 'customer_value_threshold_method',
        'customer_value_threshold', 'customer_value_threshold_version', 'customer_value_threshold_source',
        'segment_reason_codes'),
    (9, 'BANK_VALUE', 'bank_value_level', 'bank_value', 'bank_value_threshold_method', 'bank_value_threshold',
        'bank_value_threshold_version', 'bank_value_threshold_source', 'segment_reason_codes'),
    (10, 'QUADRANT', 'quadrant', 'null', "customer_value_level || '/' || bank_value_level", 'null',
        'quadrant_label_version', 'quadrant_label_source', "'QUADRANT_BY_LEVELS'"),
] %}
{%- set step_columns = ['outcome', 'input_value', 'input_text', 'threshold_value', 'parameter_version',
    'parameter_source', 'source_reason_codes'] %}
{%- set column_types = {'input_value': 'decimal(38, 2)', 'threshold_value': 'decimal(38, 2)'} %}

with

parties as (

    select * from {{ ref('int_parties_tiered') }}

),

segments as (

    select * from {{ ref('int_parties_segmented') }}

),

balances as (

    select
        customer_id,
        existence_basis,
        on_balance_loan_cny_as_of
    from {{ ref('int_customers_balances_summarised') }}

),

strategies as (

    select
        party_id,
        strategy_dimension,
        strategy_code,
        is_tier_refined,
        parameter_version,
        strategy_source
    from {{ ref('int_parties_strategies_assigned') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

parties_traced as (

    select
        parties.party_id,
        parties.party_kind,
        parties.loan_status,
        parties.market_class,
        parties.sub_class,
        parties.emerging_group,
        parties.tier,
        parties.org_type,
        parties.industry_code,
        parties.admin_level,
        parties.annual_sales_cny,
        parties.applicable_large_sales_threshold_cny,
        parties.avg_daily_deposit_cny,
        parties.deposit_scale_threshold_cny,
        parties.national_size_class,
        parties.national_size_reason,
        parties.reason_codes,
        parties.parameter_version,
        parties.parameter_source,
        balances.existence_basis,
        balances.on_balance_loan_cny_as_of,
        segments.customer_value,
        segments.customer_value_level,
        segments.customer_value_threshold,
        segments.customer_value_threshold_method,
        segments.customer_value_threshold_version,
        segments.customer_value_threshold_source,
        segments.bank_value,
        segments.bank_value_level,
        segments.bank_value_threshold,
        segments.bank_value_threshold_method,
        segments.bank_value_threshold_version,
        segments.bank_value_threshold_source,
        segments.quadrant,
        segments.quadrant_label_version,
        segments.quadrant_label_source,
        segments.missing_input_flags,
        segments.segment_reason_codes
    from parties
    left join balances on parties.party_kind = 'EXISTING' and parties.party_id = balances.customer_id
    left join segments on parties.party_id = segments.party_id

),

steps as (

    {%- for step in party_steps %}
        select
            parties_traced.party_id,
            parties_traced.party_kind,
            {%- for column in step_columns %}
                {%- set expression = step[loop.index + 1] %}
                {%- set qualified = 'parties_traced.' ~ expression if expression.isidentifier() and expression != 'null'
                    else expression %}
                cast({{ qualified }} as {{ column_types.get(column, dbt.type_string()) }}) as {{ column }},
            {%- endfor %}
            {{ step[0] }} as step_order,
            '{{ step[1] }}' as rule_step
        from parties_traced
        union all
    {%- endfor %}
    select
        strategies.party_id,
        parties.party_kind,
        strategies.strategy_code as outcome,
        cast(null as decimal(38, 2)) as input_value,
        cast(null as {{ dbt.type_string() }}) as input_text,
        cast(null as decimal(38, 2)) as threshold_value,
        strategies.parameter_version,
        strategies.strategy_source as parameter_source,
        case
            when strategies.is_tier_refined then 'STRATEGY_REFINED_BY_TIER' else 'STRATEGY_FOR_QUADRANT'
        end as source_reason_codes,
        10 + case strategies.strategy_dimension
            {%- for dimension in ['PRODUCT', 'PRICE', 'SERVICE', 'MARKETING', 'PROCESS', 'RELATIONSHIP'] %}
                when '{{ dimension }}' then {{ loop.index }}
            {%- endfor %}
        end as step_order,
        'STRATEGY_' || strategies.strategy_dimension as rule_step
    from strategies
    inner join parties on strategies.party_id = parties.party_id

),

final as (

    select
        evaluation_window.as_of_date,
        steps.party_id,
        steps.party_kind,
        cast(steps.step_order as integer) as step_order,
        steps.rule_step,
        steps.outcome,
        cast(round(steps.input_value, 2) as decimal(38, 2)) as input_value,
        steps.input_text,
        cast(round(steps.threshold_value, 2) as decimal(38, 2)) as threshold_value,
        steps.parameter_version,
        steps.parameter_source,
        steps.source_reason_codes
    from steps
    cross join evaluation_window

)

select * from final
