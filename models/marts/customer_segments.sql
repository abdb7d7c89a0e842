{#- 客户细分 The published segment of every existing customer and every target prospect on the as-of date
    (SPEC 5; one row per (as_of_date, party_id)): classification 分类, tier 分层, national size class, the
    human-readable path through the tree, the reason codes and the parameter version that decided them
    (DECISIONLOG C-015); and, from the matrix issue (SPEC 4.5 to 4.8; DECISIONLOG S-), both values 二维评价,
    both thresholds, the quadrant 客户群, the six service strategies 差别化服务, the secondary labels
    (credit history, needs, industry section), the reason codes of the split and the matrix parameter versions and
    override sources, all from int_parties_segmented (one join). -#}

with

parties as (

    select * from {{ ref('int_parties_tiered') }}

),

segments as (

    select * from {{ ref('int_parties_segmented') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

leaves as (

    select
        loan_status,
        market_class,
        sub_class,
        tier,
        loan_status_zh,
        market_class_zh,
        sub_class_zh,
        tier_zh,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('classification_leaves') }}

),

emerging_groups as (

    select
        emerging_group,
        label_zh,
        valid_from,
        valid_to
    from {{ ref('emerging_tag_precedence') }}

),

leaves_in_force as (

    select leaves.*
    from leaves
    inner join evaluation_window
        on {{ is_in_force('leaves', 'evaluation_window.as_of_date') }}

),

emerging_group_labels as (

    select
        emerging_groups.emerging_group,
        max(emerging_groups.label_zh) as emerging_group_zh
    from emerging_groups
    inner join evaluation_window
        on {{ is_in_force('emerging_groups', 'evaluation_window.as_of_date') }}
    group by emerging_groups.emerging_group

),

final as (

    select
        evaluation_window.as_of_date,
        parties.party_id,
        parties.party_kind,
        parties.party_name,
        parties.org_type,
        parties.branch_code,
        parties.region_code,
        parties.industry_code,
        parties.group_id,
        parties.loan_status,
        parties.market_class,
        parties.sub_class,
        parties.emerging_group,
        parties.tier,
        parties.national_size_class,
        segments.customer_value,
        segments.customer_value_basis,
        segments.bank_value,
        segments.customer_value_threshold,
        segments.customer_value_threshold_method,
        segments.bank_value_threshold,
        segments.bank_value_threshold_method,
        segments.customer_value_level,
        segments.bank_value_level,
        segments.quadrant,
        segments.quadrant_zh,
        segments.product_strategy,
        segments.price_strategy,
        segments.service_strategy,
        segments.marketing_strategy,
        segments.process_strategy,
        segments.relationship_strategy,
        segments.product_strategy_code,
        segments.price_strategy_code,
        segments.service_strategy_code,
        segments.marketing_strategy_code,
        segments.process_strategy_code,
        segments.relationship_strategy_code,
        segments.credit_history,
        segments.credit_history_zh,
        segments.needs,
        segments.needs_zh,
        segments.industry_section,
        segments.industry_section_zh,
        concat_ws(
            ' > ',
            leaves_in_force.loan_status_zh,
            leaves_in_force.market_class_zh,
            leaves_in_force.sub_class_zh,
            emerging_group_labels.emerging_group_zh,
            leaves_in_force.tier_zh
        ) as classification_path,
        parties.reason_codes,
        coalesce(parties.parameter_version, leaves_in_force.parameter_version) as parameter_version,
        parties.parameter_source,
        parties.national_size_reason,
        parties.data_quality_flags,
        segments.segment_reason_codes,
        segments.matrix_parameter_version,
        segments.matrix_parameter_source
    from parties
    cross join evaluation_window
    left join segments
        on parties.party_id = segments.party_id
    left join leaves_in_force
        on parties.loan_status = leaves_in_force.loan_status
            and parties.market_class = leaves_in_force.market_class
            and parties.sub_class = leaves_in_force.sub_class
            and parties.tier = leaves_in_force.tier
    left join emerging_group_labels
        on parties.emerging_group = emerging_group_labels.emerging_group

)

select * from final
