{#- 历史即本期 (DECISIONLOG H-001, H-011): after a month-end build, the history rows of its as-of date are
    exactly the rows of customer_segments and customer_profitability - the same keys, none missing, none left over
    from an earlier run of the date, and the same segment, quadrant, value and profit; after a build for another
    date, the history holds no row of that date. Returns one row per difference. -#}

with

month_end_build as (

    select as_of_date
    from {{ ref('int_evaluation_window') }}
    where is_month_end

),

segments as (

    select
        as_of_date,
        party_id,
        tier,
        quadrant,
        customer_value
    from {{ ref('customer_segments') }}
    where as_of_date in (select month_end_build.as_of_date from month_end_build)

),

segment_history as (

    select
        as_of_date,
        party_id,
        tier,
        quadrant,
        customer_value
    from {{ ref('customer_segment_history') }}

),

profitability as (

    select
        as_of_date,
        customer_id,
        profit_contribution
    from {{ ref('customer_profitability') }}
    where as_of_date in (select month_end_build.as_of_date from month_end_build)

),

profitability_history as (

    select
        as_of_date,
        customer_id,
        profit_contribution
    from {{ ref('customer_profitability_history') }}

),

build_dates as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

segment_history_of_build as (

    select segment_history.*
    from segment_history
    inner join build_dates on segment_history.as_of_date = build_dates.as_of_date

),

profitability_history_of_build as (

    select profitability_history.*
    from profitability_history
    inner join build_dates on profitability_history.as_of_date = build_dates.as_of_date

),

segment_differences as (

    select
        'customer_segment_history' as history_table,
        coalesce(segments.as_of_date, segment_history_of_build.as_of_date) as as_of_date,
        coalesce(segments.party_id, segment_history_of_build.party_id) as party_key
    from segments
    full outer join segment_history_of_build
        on segments.as_of_date = segment_history_of_build.as_of_date
            and segments.party_id = segment_history_of_build.party_id
    where segments.party_id is null
        or segment_history_of_build.party_id is null
        or segments.tier <> segment_history_of_build.tier
        or coalesce(segments.quadrant, '') <> coalesce(segment_history_of_build.quadrant, '')
        or coalesce(segments.customer_value, 0) <> coalesce(segment_history_of_build.customer_value, 0)

),

profitability_differences as (

    select
        'customer_profitability_history' as history_table,
        coalesce(profitability.as_of_date, profitability_history_of_build.as_of_date) as as_of_date,
        coalesce(profitability.customer_id, profitability_history_of_build.customer_id) as party_key
    from profitability
    full outer join profitability_history_of_build
        on profitability.as_of_date = profitability_history_of_build.as_of_date
            and profitability.customer_id = profitability_history_of_build.customer_id
    where profitability.customer_id is null
        or profitability_history_of_build.customer_id is null
        or profitability.profit_contribution <> profitability_history_of_build.profit_contribution

),

final as (

    select * from segment_differences
    union all
    select * from profitability_differences

)

select * from final
