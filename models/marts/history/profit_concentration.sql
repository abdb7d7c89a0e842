{#- 利润集中度 Profit concentration, the Pareto curve per as-of date of the history (SPEC 4.9; DECISIONLOG
    H-006): existing customers ranked by profit contribution 利润贡献度 (highest first, ties by customer_id); for
    every point x of the seed profit_concentration_points, the top ceil(x% * customers) customers and the share of
    profit they earn. profit_share_percent is their share of the profit earned by the profitable customers (a
    loss-making customer adds nothing), so the curve rises monotonically to 100% at x = 100. The net view (losses
    included, the "whale curve" that can exceed 100% and then fall back) is net_profit_share_percent. -#}

with

profitability_history as (

    select
        as_of_date,
        customer_id,
        profit_contribution
    from {{ ref('customer_profitability_history') }}

),

curve_points as (

    select
        top_customer_percent,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('profit_concentration_points') }}

),

customers_ranked as (

    select
        as_of_date,
        customer_id,
        profit_contribution,
        row_number() over (
            partition by as_of_date order by profit_contribution desc, customer_id asc
        ) as profit_rank,
        sum(case when profit_contribution > 0 then profit_contribution else 0 end) over (
            partition by as_of_date order by profit_contribution desc, customer_id asc
            rows between unbounded preceding and current row
        ) as cumulative_positive_profit,
        sum(profit_contribution) over (
            partition by as_of_date order by profit_contribution desc, customer_id asc
            rows between unbounded preceding and current row
        ) as cumulative_net_profit
    from profitability_history

),

as_of_date_totals as (

    select
        as_of_date,
        count(*) as customers,
        sum(case when profit_contribution > 0 then 1 else 0 end) as profitable_customers,
        sum(case when profit_contribution > 0 then profit_contribution else 0 end) as total_positive_profit,
        sum(profit_contribution) as total_net_profit
    from profitability_history
    group by as_of_date

),

points_per_as_of_date as (

    select
        as_of_date_totals.as_of_date,
        curve_points.top_customer_percent,
        curve_points.parameter_version,
        as_of_date_totals.customers,
        as_of_date_totals.profitable_customers,
        as_of_date_totals.total_positive_profit,
        as_of_date_totals.total_net_profit,
        -- x% of n customers, rounded up, in exact decimal arithmetic (x has four decimals)
        cast(
            ceil(curve_points.top_customer_percent * as_of_date_totals.customers * cast(0.01 as decimal(3, 2)))
            as integer
        ) as top_customers
    from as_of_date_totals
    inner join curve_points
        on {{ is_in_force('curve_points', 'as_of_date_totals.as_of_date') }}

),

final as (

    select
        points_per_as_of_date.as_of_date,
        cast(points_per_as_of_date.top_customer_percent as decimal(9, 4)) as top_customer_percent,
        cast(points_per_as_of_date.customers as integer) as customers,
        points_per_as_of_date.top_customers,
        cast(points_per_as_of_date.profitable_customers as integer) as profitable_customers,
        cast(customers_ranked.profit_contribution as decimal(18, 2)) as lowest_profit_in_top,
        cast(round(customers_ranked.cumulative_positive_profit, 2) as decimal(18, 2)) as top_positive_profit,
        cast(round(points_per_as_of_date.total_positive_profit, 2) as decimal(18, 2)) as total_positive_profit,
        cast(
            round(
                case
                    when points_per_as_of_date.total_positive_profit > 0
                        then 100 * customers_ranked.cumulative_positive_profit
                            / points_per_as_of_date.total_positive_profit
                end,
                4
            ) as decimal(9, 4)
        ) as profit_share_percent,
        cast(round(customers_ranked.cumulative_net_profit, 2) as decimal(18, 2)) as top_net_profit,
        cast(round(points_per_as_of_date.total_net_profit, 2) as decimal(18, 2)) as total_net_profit,
        cast(
            round(
                case
                    when points_per_as_of_date.total_net_profit > 0
                        then 100 * customers_ranked.cumulative_net_profit / points_per_as_of_date.total_net_profit
                end,
                4
            ) as decimal(38, 4)
        ) as net_profit_share_percent,
        points_per_as_of_date.parameter_version
    from points_per_as_of_date
    inner join customers_ranked
        on points_per_as_of_date.as_of_date = customers_ranked.as_of_date
            and points_per_as_of_date.top_customers = customers_ranked.profit_rank

)

select * from final
