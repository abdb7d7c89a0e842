{#- 客户结构趋势 Structure trend of the segments over the as-of dates of the history (SPEC 4.9; DECISIONLOG
    H-004): per as-of date and cell of int_structure_trend_cells_compared, parties and profit contribution 利润贡献度
    with the cell's share of its population, and the change and growth rate against the previous as-of date of the
    history and against the as-of date a year before. -#}

with

cells_compared as (

    select * from {{ ref('int_structure_trend_cells_compared') }}

),

final as (

    select
        as_of_date,
        structure_level,
        party_kind,
        market_class,
        sub_class,
        tier,
        quadrant,
        cast(parties as integer) as parties,
        cast(round(profit_contribution, 2) as decimal(18, 2)) as profit_contribution,
        cast(
            round(case when population_parties > 0 then parties * 1.0 / population_parties end, 6)
            as decimal(18, 6)
        ) as parties_share,
        cast(
            round(
                case
                    when population_profit_contribution > 0
                        then profit_contribution / population_profit_contribution
                end,
                6
            ) as decimal(38, 6)
        ) as profit_share,
        previous_as_of_date,
        cast(previous_parties as integer) as previous_parties,
        cast(parties - previous_parties as integer) as parties_change,
        cast(
            round(case when previous_parties > 0 then (parties - previous_parties) * 1.0 / previous_parties end, 6)
            as decimal(18, 6)
        ) as parties_growth_rate,
        cast(round(previous_profit_contribution, 2) as decimal(18, 2)) as previous_profit_contribution,
        cast(round(profit_contribution - previous_profit_contribution, 2) as decimal(18, 2)) as profit_change,
        cast(
            round(
                case
                    when previous_profit_contribution > 0
                        then (profit_contribution - previous_profit_contribution) / previous_profit_contribution
                end,
                6
            ) as decimal(38, 6)
        ) as profit_growth_rate,
        year_before_as_of_date,
        cast(year_before_parties as integer) as year_before_parties,
        cast(parties - year_before_parties as integer) as parties_change_vs_year_before,
        cast(
            round(
                case
                    when year_before_parties > 0 then (parties - year_before_parties) * 1.0 / year_before_parties
                end,
                6
            ) as decimal(18, 6)
        ) as parties_growth_rate_vs_year_before,
        cast(round(year_before_profit_contribution, 2) as decimal(18, 2)) as year_before_profit_contribution,
        cast(round(profit_contribution - year_before_profit_contribution, 2) as decimal(18, 2))
            as profit_change_vs_year_before,
        cast(
            round(
                case
                    when year_before_profit_contribution > 0
                        then (profit_contribution - year_before_profit_contribution) / year_before_profit_contribution
                end,
                6
            ) as decimal(38, 6)
        ) as profit_growth_rate_vs_year_before
    from cells_compared

)

select * from final
