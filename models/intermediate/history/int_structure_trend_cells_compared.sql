{#- 客户结构趋势 The cells of the structure trend (SPEC 4.9; DECISIONLOG H-004), one row per (as_of_date, cell): a cell
    is a structure level of the seed structure_trend_levels (TOTAL per population, MARKET_CLASS, SUB_CLASS, TIER,
    QUADRANT across classes, SEGMENT) and its values of party_kind, market_class, sub_class, tier and quadrant
    ('ALL' where the level does not split). Parties and profit contribution 利润贡献度 of the cell and of its
    population, and the same cell on the previous as-of date of the history and on the as-of date a year before (the
    same month-end 12 months earlier). Every cell seen on any date is on every date (0 parties when empty), so growth
    is never silently missing. Profit is summed over existing customers; targets have no profit (null). -#}
{%- set months_in_a_year = 12 %}
{%- set cell_columns = ['structure_level', 'party_kind', 'market_class', 'sub_class', 'tier', 'quadrant'] %}

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
        {{ cell_columns | join(', ') }},
        count(*) as parties,
        sum(profit_contribution) as profit_contribution
    from parties_by_level
    group by as_of_date, {{ cell_columns | join(', ') }}

),

as_of_dates as (

    select distinct as_of_date from segment_history

),

as_of_dates_compared as (

    select
        as_of_date,
        lag(as_of_date) over (order by as_of_date) as previous_as_of_date,
        case
            when as_of_date = cast({{ dbt.last_day('as_of_date', 'month') }} as date)
                then cast({{ dbt.last_day(dbt.dateadd('month', -months_in_a_year, 'as_of_date'), 'month') }} as date)
            else cast({{ dbt.dateadd('month', -1 * months_in_a_year, 'as_of_date') }} as date)
        end as year_before_date
    from as_of_dates

),

cells as (

    select distinct {{ cell_columns | join(', ') }}
    from cells_counted

),

cells_on_every_date as (

    select
        as_of_dates_compared.as_of_date,
        as_of_dates_compared.previous_as_of_date,
        year_before_dates.as_of_date as year_before_as_of_date,
        cells.*
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
            {%- for column in cell_columns %}
                and cells_on_every_date.{{ column }} = cells_counted.{{ column }}
            {%- endfor %}

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
        *,
        lag(parties) over cell_dates as previous_parties,
        lag(profit_contribution) over cell_dates as previous_profit_contribution
    from cells_filled
    window cell_dates as (partition by {{ cell_columns | join(', ') }} order by as_of_date)

),

final as (

    select
        cells_compared.*,
        population_totals.population_parties,
        population_totals.population_profit_contribution,
        year_before_cells.parties as year_before_parties,
        year_before_cells.profit_contribution as year_before_profit_contribution
    from cells_compared
    left join population_totals
        on cells_compared.as_of_date = population_totals.as_of_date
            and cells_compared.party_kind = population_totals.party_kind
    left join cells_filled as year_before_cells
        on cells_compared.year_before_as_of_date = year_before_cells.as_of_date
            {%- for column in cell_columns %}
                and cells_compared.{{ column }} = year_before_cells.{{ column }}
            {%- endfor %}

)

select * from final
