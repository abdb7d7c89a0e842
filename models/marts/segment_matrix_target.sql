{#- 目标客户群细分矩阵 The segment matrix of target prospects 目标客户 (SPEC 4.6 and 5): per (as_of_date, sub_class, tier) group
    the four cells 黄金 GOLD / 潜力 POTENTIAL / 关注 WATCH / 一般 GENERAL of potential value 潜在价值贡献度 x bank value 银行对目标客户价值,
    with parties, share of the group, total and average customer value, average bank value and the thresholds used
    (DECISIONLOG S-018). One row per (as_of_date, sub_class, tier, quadrant), empty cells included. -#}

with

cells as (

    select * from {{ ref('int_segment_matrix_cells_aggregated') }}

),

final as (

    select
        as_of_date,
        market_class,
        sub_class,
        sub_class_zh,
        tier,
        tier_zh,
        quadrant,
        quadrant_zh,
        customer_value_level,
        bank_value_level,
        parties,
        group_parties,
        share_of_group,
        total_customer_value,
        avg_customer_value,
        avg_bank_value,
        customer_value_threshold_min,
        customer_value_threshold_max,
        bank_value_threshold_min,
        bank_value_threshold_max,
        threshold_methods,
        threshold_sources,
        parameter_version
    from cells
    where population = 'TARGET'

)

select * from final
