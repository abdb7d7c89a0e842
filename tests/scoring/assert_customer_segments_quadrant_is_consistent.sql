{#- 每个客户恰好一个客户群 (SPEC 4.6 and 6): every segmented party of customer_segments has exactly one
    quadrant, of its own population, consistent with its published values and thresholds: a value >= its threshold
    is HIGH, else LOW, and a negative customer value (profit contribution) is always LOW; the quadrant is the code
    of that (population, level, level) cell in quadrant_labels. Independently of the models, every MEDIAN threshold
    is recomputed as the continuous median of the published values of the party's (as_of_date, population,
    sub_class, tier) group, rounded half-up to 2 decimals. Returns one row per problem. -#}

with

segments as (

    select * from {{ ref('customer_segments') }}

),

labels as (

    select distinct
        population,
        customer_value_level,
        bank_value_level,
        quadrant
    from {{ ref('quadrant_labels') }}

),

expected_levels as (

    select
        as_of_date,
        party_id,
        party_kind,
        quadrant,
        customer_value_level,
        bank_value_level,
        case
            when customer_value < 0 then 'LOW'
            when customer_value >= customer_value_threshold then 'HIGH'
            else 'LOW'
        end as expected_customer_value_level,
        case
            when bank_value >= bank_value_threshold then 'HIGH'
            else 'LOW'
        end as expected_bank_value_level
    from segments

),

group_medians as (

    select
        as_of_date,
        party_kind,
        sub_class,
        tier,
        round({{ quantile_cont('customer_value', 0.5) }}, 2) as customer_value_median,
        round({{ quantile_cont('bank_value', 0.5) }}, 2) as bank_value_median
    from segments
    group by as_of_date, party_kind, sub_class, tier

),

problems as (

    select
        expected_levels.party_id,
        'QUADRANT_MISSING' as problem
    from expected_levels
    where expected_levels.quadrant is null

    union all

    select
        expected_levels.party_id,
        'LEVEL_INCONSISTENT_WITH_VALUE_AND_THRESHOLD' as problem
    from expected_levels
    where expected_levels.customer_value_level is null
        or expected_levels.bank_value_level is null
        or expected_levels.customer_value_level <> expected_levels.expected_customer_value_level
        or expected_levels.bank_value_level <> expected_levels.expected_bank_value_level

    union all

    select
        expected_levels.party_id,
        'QUADRANT_NOT_THE_CELL_OF_ITS_LEVELS' as problem
    from expected_levels
    left join labels
        on expected_levels.party_kind = labels.population
            and expected_levels.expected_customer_value_level = labels.customer_value_level
            and expected_levels.expected_bank_value_level = labels.bank_value_level
    where expected_levels.quadrant is not null
        and (labels.quadrant is null or labels.quadrant <> expected_levels.quadrant)

    union all

    select
        segments.party_id,
        'MEDIAN_THRESHOLD_NOT_THE_GROUP_MEDIAN' as problem
    from segments
    inner join group_medians
        on segments.as_of_date = group_medians.as_of_date
            and segments.party_kind = group_medians.party_kind
            and segments.sub_class = group_medians.sub_class
            and segments.tier = group_medians.tier
    where (
        segments.customer_value_threshold_method = 'MEDIAN'
        and segments.customer_value_threshold <> group_medians.customer_value_median
    )
    or (
        segments.bank_value_threshold_method = 'MEDIAN'
        and segments.bank_value_threshold <> group_medians.bank_value_median
    )

)

select * from problems
