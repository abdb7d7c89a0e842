{#- 客户结构趋势 Structure trend of the segments over the as-of dates of the history (SPEC 4.9; issue 6; DECISIONLOG
    H-004): parties and profit contribution 利润贡献度 per as-of date at the levels of the seed structure_trend_levels
    (default TOTAL per population, MARKET_CLASS, SUB_CLASS, TIER, QUADRANT across classes, SEGMENT) - with each
    cell's share of its population, and the change and growth rate against the previous as-of date of the history
    and against the as-of date a year before (the same month-end 12 months earlier). Every cell seen on any date is
    reported on every date (0 parties when empty), so growth is never silently missing. Profit is summed over
    existing customers from customer_profitability_history; targets have no profit (null). -#}
{%- set months_in_a_year = 12 -%}

with

segment_history as (

    select
        as_of_date,
        party_id,
        party_kind,
        market_class,
        sub_class,
        tier,
        quadrant
    from {{ ref('customer_segment_history') }}

),

profitability_history as (

    select
        as_of_date,
        customer_id,
        profit_contribution
    from {{ ref('customer_profitability_history') }}

),

structure_levels as (

    select
        structure_level,
        by_market_class,
        by_sub_class,
        by_tier,
        by_quadrant
    from {{ ref('structure_trend_levels') }}

),

parties_with_profit as (

    select
        segment_history.as_of_date,
        segment_history.party_kind,
        segment_history.market_class,
        segment_history.sub_class,
        segment_history.tier,
        segment_history.quadrant,
        profitability_history.profit_contribution
    from segment_history
    left join profitability_history
        on segment_history.as_of_date = profitability_history.as_of_date
            and segment_history.party_id = profitability_history.customer_id
            and segment_history.party_kind = 'EXISTING'

),

parties_by_level as (

    select
        parties_with_profit.as_of_date,
        structure_levels.structure_level,
        parties_with_profit.party_kind,
        case when structure_levels.by_market_class then parties_with_profit.market_class else 'ALL' end
            as market_class,
        case when structure_levels.by_sub_class then parties_with_profit.sub_class else 'ALL' end as sub_class,
        case when structure_levels.by_tier then parties_with_profit.tier else 'ALL' end as tier,
        case when structure_levels.by_quadrant then parties_with_profit.quadrant else 'ALL' end as quadrant,
        parties_with_profit.profit_contribution
    from parties_with_profit
    cross join structure_levels

),

cells_counted as (

    select
        as_of_date,
        structure_level,
        party_kind,
        market_class,
        sub_class,
        tier,
        quadrant,
        count(*) as parties,
        sum(profit_contribution) as profit_contribution
    from parties_by_level
    group by as_of_date, structure_level, party_kind, market_class, sub_class, tier, quadrant

),

as_of_dates as (

    select distinct as_of_date from segment_history

),

as_of_months as (

    select
        as_of_date,
        cast({{ dbt.date_trunc('month', 'as_of_date') }} as date) as as_of_month
    from as_of_dates

),

as_of_month_ends as (

    select
        as_of_date,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'as_of_month')) }} as date) as month_last_date,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1 - months_in_a_year, 'as_of_month')) }} as date)
            as year_before_month_last_date,
        cast({{ dbt.dateadd('month', -1 * months_in_a_year, 'as_of_date') }} as date) as year_before_same_day
    from as_of_months

),

as_of_dates_compared as (

    select
        as_of_date,
        lag(as_of_date) over (order by as_of_date) as previous_as_of_date,
        case
            when as_of_date = month_last_date then year_before_month_last_date
            else year_before_same_day
        end as year_before_date
    from as_of_month_ends

),

cells as (

    select distinct
        structure_level,
        party_kind,
        market_class,
        sub_class,
        tier,
        quadrant
    from cells_counted

),

cells_on_every_date as (

    select
        as_of_dates_compared.as_of_date,
        as_of_dates_compared.previous_as_of_date,
        year_before_dates.as_of_date as year_before_as_of_date,
        cells.structure_level,
        cells.party_kind,
        cells.market_class,
        cells.sub_class,
        cells.tier,
        cells.quadrant
    from as_of_dates_compared
    cross join cells
    left join as_of_dates as year_before_dates
        on as_of_dates_compared.year_before_date = year_before_dates.as_of_date

),

cells_filled as (

    select
        cells_on_every_date.*,
        coalesce(cells_counted.parties, 0) as parties,
        case
            when cells_on_every_date.party_kind = 'EXISTING' then coalesce(cells_counted.profit_contribution, 0)
        end as profit_contribution
    from cells_on_every_date
    left join cells_counted
        on cells_on_every_date.as_of_date = cells_counted.as_of_date
            and cells_on_every_date.structure_level = cells_counted.structure_level
            and cells_on_every_date.party_kind = cells_counted.party_kind
            and cells_on_every_date.market_class = cells_counted.market_class
            and cells_on_every_date.sub_class = cells_counted.sub_class
            and cells_on_every_date.tier = cells_counted.tier
            and cells_on_every_date.quadrant = cells_counted.quadrant

),

population_totals as (

    select
        as_of_date,
        party_kind,
        count(*) as population_parties,
        sum(profit_contribution) as population_profit_contribution
    from parties_with_profit
    group by as_of_date, party_kind

),

cells_compared as (

    select
        cells_filled.as_of_date,
        cells_filled.structure_level,
        cells_filled.party_kind,
        cells_filled.market_class,
        cells_filled.sub_class,
        cells_filled.tier,
        cells_filled.quadrant,
        cells_filled.parties,
        cells_filled.profit_contribution,
        population_totals.population_parties,
        population_totals.population_profit_contribution,
        cells_filled.previous_as_of_date,
        previous_cells.parties as previous_parties,
        previous_cells.profit_contribution as previous_profit_contribution,
        cells_filled.year_before_as_of_date,
        year_before_cells.parties as year_before_parties,
        year_before_cells.profit_contribution as year_before_profit_contribution
    from cells_filled
    left join population_totals
        on cells_filled.as_of_date = population_totals.as_of_date
            and cells_filled.party_kind = population_totals.party_kind
    left join cells_filled as previous_cells
        on cells_filled.previous_as_of_date = previous_cells.as_of_date
            and cells_filled.structure_level = previous_cells.structure_level
            and cells_filled.party_kind = previous_cells.party_kind
            and cells_filled.market_class = previous_cells.market_class
            and cells_filled.sub_class = previous_cells.sub_class
            and cells_filled.tier = previous_cells.tier
            and cells_filled.quadrant = previous_cells.quadrant
    left join cells_filled as year_before_cells
        on cells_filled.year_before_as_of_date = year_before_cells.as_of_date
            and cells_filled.structure_level = year_before_cells.structure_level
            and cells_filled.party_kind = year_before_cells.party_kind
            and cells_filled.market_class = year_before_cells.market_class
            and cells_filled.sub_class = year_before_cells.sub_class
            and cells_filled.tier = year_before_cells.tier
            and cells_filled.quadrant = year_before_cells.quadrant

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
