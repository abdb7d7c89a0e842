{#- 利润集中度曲线 The concentration curve (DECISIONLOG H-006), per as-of date: profit_share_percent and
    top_customers never fall as top_customer_percent rises; the last point is x = 100 with every customer in the
    top, profit_share_percent exactly 100 (when some customer is profitable) and the net profit of the top equal to
    the total; and every as-of date of customer_profitability_history has a curve. Returns one row per failure. -#}

with

curve as (

    select
        as_of_date,
        top_customer_percent,
        customers,
        top_customers,
        profitable_customers,
        top_positive_profit,
        total_positive_profit,
        profit_share_percent,
        top_net_profit,
        total_net_profit
    from {{ ref('profit_concentration') }}

),

profitability_history as (

    select
        as_of_date,
        count(*) as customers
    from {{ ref('customer_profitability_history') }}
    group by as_of_date

),

curve_dates as (

    select distinct as_of_date from curve

),

curve_with_previous_point as (

    select
        *,
        lag(profit_share_percent) over (partition by as_of_date order by top_customer_percent)
            as previous_profit_share_percent,
        lag(top_customers) over (partition by as_of_date order by top_customer_percent) as previous_top_customers,
        row_number() over (partition by as_of_date order by top_customer_percent desc) as points_from_end
    from curve

),

falling_points as (

    select
        as_of_date,
        top_customer_percent,
        'CURVE_FALLS' as failure
    from curve_with_previous_point
    where profit_share_percent < previous_profit_share_percent
        or top_customers < previous_top_customers
        or (profit_share_percent is null and profitable_customers > 0)

),

incomplete_curves as (

    select
        as_of_date,
        top_customer_percent,
        'CURVE_DOES_NOT_END_AT_100_PERCENT' as failure
    from curve_with_previous_point
    where points_from_end = 1
        and (
            top_customer_percent <> 100
            or top_customers <> customers
            or top_positive_profit <> total_positive_profit
            or top_net_profit <> total_net_profit
            or (profitable_customers > 0 and profit_share_percent <> 100)
        )

),

missing_curves as (

    select
        profitability_history.as_of_date,
        cast(null as decimal(9, 4)) as top_customer_percent,
        'NO_CURVE_FOR_AS_OF_DATE' as failure
    from profitability_history
    left join curve_dates
        on profitability_history.as_of_date = curve_dates.as_of_date
    where curve_dates.as_of_date is null

),

final as (

    select * from falling_points
    union all
    select * from incomplete_curves
    union all
    select * from missing_curves

)

select * from final
