{#- 客户群细分矩阵 Both segment matrices in one place (SPEC 4.6 and 5; DECISIONLOG S-018), one row per
    (as_of_date, population, sub_class, tier, quadrant): every group present on the as-of date gets its four
    quadrant cells (head-office labels of seed quadrant_labels), empty cells included with 0 parties. Per cell: the
    parties, their share of the group, the total and average customer value and the average bank value (averages
    rounded half-up to 2 decimals; totals are sums of the published 2-decimal values, so they reconcile to
    customer_segments to the cent); per group: the thresholds used (min and max over the group's parties - they
    differ only when a region or branch overrides the rule), their methods, override sources and versions.
    segment_matrix_existing and segment_matrix_target publish the two populations. -#}

with

parties as (

    select
        as_of_date,
        party_id,
        party_kind,
        market_class,
        sub_class,
        tier,
        customer_value,
        bank_value,
        customer_value_threshold,
        customer_value_threshold_method,
        customer_value_threshold_source,
        customer_value_threshold_version,
        bank_value_threshold,
        bank_value_threshold_method,
        bank_value_threshold_source,
        bank_value_threshold_version,
        quadrant
    from {{ ref('int_parties_segmented') }}

),

labels as (

    select
        population,
        customer_value_level,
        bank_value_level,
        quadrant,
        quadrant_zh,
        scope_type,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('quadrant_labels') }}

),

leaves as (

    select
        sub_class,
        tier,
        sub_class_zh,
        tier_zh,
        valid_from,
        valid_to
    from {{ ref('classification_leaves') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

head_office_labels as (

    select labels.*
    from labels
    inner join evaluation_window
        on {{ is_in_force('labels', 'evaluation_window.as_of_date') }}
    where labels.scope_type = 'HEAD_OFFICE'

),

label_versions as (

    select
        population,
        {{ collect_distinct(['parameter_version']) }} as parameter_versions
    from head_office_labels
    group by population

),

leaf_labels as (

    select
        leaves.sub_class,
        leaves.tier,
        max(leaves.sub_class_zh) as sub_class_zh,
        max(leaves.tier_zh) as tier_zh
    from leaves
    inner join evaluation_window
        on {{ is_in_force('leaves', 'evaluation_window.as_of_date') }}
    group by leaves.sub_class, leaves.tier

),

groups as (

    select
        as_of_date,
        party_kind as population,
        sub_class,
        tier,
        max(market_class) as market_class,
        count(*) as group_parties,
        min(customer_value_threshold) as customer_value_threshold_min,
        max(customer_value_threshold) as customer_value_threshold_max,
        min(bank_value_threshold) as bank_value_threshold_min,
        max(bank_value_threshold) as bank_value_threshold_max,
        {{ joined_distinct(lists=[collect_distinct([
            "'CUSTOMER_VALUE:' || customer_value_threshold_method", "'BANK_VALUE:' || bank_value_threshold_method"
        ])]) }} as threshold_methods,
        {{ joined_distinct(lists=[collect_distinct([
            'customer_value_threshold_source', 'bank_value_threshold_source'
        ])]) }} as threshold_sources,
        {{ collect_distinct(['customer_value_threshold_version', 'bank_value_threshold_version']) }}
            as threshold_versions
    from parties
    group by as_of_date, party_kind, sub_class, tier

),

cells as (

    select
        as_of_date,
        party_kind as population,
        sub_class,
        tier,
        quadrant,
        count(*) as parties,
        sum(customer_value) as total_customer_value,
        avg(customer_value) as avg_customer_value,
        avg(bank_value) as avg_bank_value
    from parties
    group by as_of_date, party_kind, sub_class, tier, quadrant

),

final as (

    select
        groups.as_of_date,
        groups.population,
        groups.market_class,
        groups.sub_class,
        leaf_labels.sub_class_zh,
        groups.tier,
        leaf_labels.tier_zh,
        head_office_labels.quadrant,
        head_office_labels.quadrant_zh,
        head_office_labels.customer_value_level,
        head_office_labels.bank_value_level,
        cast(coalesce(cells.parties, 0) as bigint) as parties,
        cast(groups.group_parties as bigint) as group_parties,
        cast(
            round(cast(1.0 * coalesce(cells.parties, 0) / groups.group_parties as decimal(38, 10)), 6) as decimal(9, 6)
        ) as share_of_group,
        cast(coalesce(cells.total_customer_value, 0) as decimal(18, 2)) as total_customer_value,
        cast(round(cast(cells.avg_customer_value as decimal(38, 10)), 2) as decimal(18, 2)) as avg_customer_value,
        cast(round(cast(cells.avg_bank_value as decimal(38, 10)), 2) as decimal(18, 2)) as avg_bank_value,
        groups.customer_value_threshold_min,
        groups.customer_value_threshold_max,
        groups.bank_value_threshold_min,
        groups.bank_value_threshold_max,
        groups.threshold_methods,
        groups.threshold_sources,
        {{ joined_distinct(lists=['groups.threshold_versions', 'label_versions.parameter_versions']) }}
            as parameter_version
    from groups
    inner join head_office_labels on groups.population = head_office_labels.population
    left join label_versions on groups.population = label_versions.population
    left join cells
        on groups.as_of_date = cells.as_of_date
            and groups.population = cells.population
            and groups.sub_class = cells.sub_class
            and groups.tier = cells.tier
            and head_office_labels.quadrant = cells.quadrant
    left join leaf_labels
        on groups.sub_class = leaf_labels.sub_class
            and groups.tier = leaf_labels.tier

)

select * from final
