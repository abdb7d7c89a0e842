{#- 存量客户群细分矩阵 The segment matrix of existing customers 存量客户 (SPEC 4.6 and 5): per (as_of_date, sub_class, tier)
    group the four cells 重要 IMPORTANT / 优质 QUALITY / 普通 ORDINARY / 退出 EXIT of profit contribution 利润贡献度 (CNY) x bank
    value 银行对存量客户价值, with parties, share of the group, total and average customer value, average bank value and the
    thresholds used (DECISIONLOG S-018). One row per (as_of_date, sub_class, tier, quadrant), empty cells included. -#}

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
    where population = 'EXISTING'

)

select * from final
