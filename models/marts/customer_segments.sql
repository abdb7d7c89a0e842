{#- 客户细分 The published segment of every existing customer and every target prospect on the as-of date
    (SPEC 5; one row per (as_of_date, party_id)): classification 分类, tier 分层, national size class, the
    human-readable path through the tree, the reason codes and the parameter version that decided them.
    The value, threshold, quadrant and strategy columns are typed nulls until the matrix issue fills them
    (DECISIONLOG C-015), so the contract does not change. -#}

with

parties as (

    select * from {{ ref('int_parties_tiered') }}

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
        on leaves.valid_from <= evaluation_window.as_of_date
            and (leaves.valid_to is null or leaves.valid_to >= evaluation_window.as_of_date)

),

emerging_group_labels as (

    select
        emerging_groups.emerging_group,
        max(emerging_groups.label_zh) as emerging_group_zh
    from emerging_groups
    inner join evaluation_window
        on emerging_groups.valid_from <= evaluation_window.as_of_date
            and (emerging_groups.valid_to is null or emerging_groups.valid_to >= evaluation_window.as_of_date)
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
        cast(null as decimal(18, 2)) as customer_value,
        cast(null as decimal(18, 2)) as bank_value,
        cast(null as decimal(18, 2)) as customer_value_threshold,
        cast(null as decimal(18, 2)) as bank_value_threshold,
        cast(null as {{ dbt.type_string() }}) as quadrant,
        cast(null as {{ dbt.type_string() }}) as product_strategy,
        cast(null as {{ dbt.type_string() }}) as price_strategy,
        cast(null as {{ dbt.type_string() }}) as service_strategy,
        cast(null as {{ dbt.type_string() }}) as marketing_strategy,
        cast(null as {{ dbt.type_string() }}) as process_strategy,
        cast(null as {{ dbt.type_string() }}) as relationship_strategy,
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
        parties.data_quality_flags
    from parties
    cross join evaluation_window
    left join leaves_in_force
        on parties.loan_status = leaves_in_force.loan_status
            and parties.market_class = leaves_in_force.market_class
            and parties.sub_class = leaves_in_force.sub_class
            and parties.tier = leaves_in_force.tier
    left join emerging_group_labels
        on parties.emerging_group = emerging_group_labels.emerging_group

)

select * from final
