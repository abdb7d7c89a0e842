{#- 结构趋势核对 (DECISIONLOG H-004): for every as-of date, population and level of the seed
    structure_trend_levels, the cells of segment_structure_trend add up to the history: the parties of
    customer_segment_history and the profit contribution of its existing customers in customer_profitability_history.
    A level missing for a date fails too. Returns one row per mismatch. -#}

with

trend as (

    select
        as_of_date,
        structure_level,
        party_kind,
        parties,
        profit_contribution
    from {{ ref('segment_structure_trend') }}

),

structure_levels as (

    select structure_level from {{ ref('structure_trend_levels') }}

),

segment_history as (

    select
        as_of_date,
        party_id,
        party_kind
    from {{ ref('customer_segment_history') }}

),

profitability_history as (

    select
        as_of_date,
        customer_id,
        profit_contribution
    from {{ ref('customer_profitability_history') }}

),

history_totals as (

    select
        segment_history.as_of_date,
        segment_history.party_kind,
        count(*) as parties,
        sum(profitability_history.profit_contribution) as profit_contribution
    from segment_history
    left join profitability_history
        on segment_history.as_of_date = profitability_history.as_of_date
            and segment_history.party_id = profitability_history.customer_id
            and segment_history.party_kind = 'EXISTING'
    group by segment_history.as_of_date, segment_history.party_kind

),

expected_level_totals as (

    select
        history_totals.as_of_date,
        structure_levels.structure_level,
        history_totals.party_kind,
        history_totals.parties,
        history_totals.profit_contribution
    from history_totals
    cross join structure_levels

),

trend_level_totals as (

    select
        as_of_date,
        structure_level,
        party_kind,
        sum(parties) as parties,
        sum(profit_contribution) as profit_contribution
    from trend
    group by as_of_date, structure_level, party_kind

),

final as (

    select
        coalesce(expected.as_of_date, actual.as_of_date) as as_of_date,
        coalesce(expected.structure_level, actual.structure_level) as structure_level,
        coalesce(expected.party_kind, actual.party_kind) as party_kind,
        expected.parties as history_parties,
        actual.parties as trend_parties,
        expected.profit_contribution as history_profit_contribution,
        actual.profit_contribution as trend_profit_contribution
    from expected_level_totals as expected
    full outer join trend_level_totals as actual
        on expected.as_of_date = actual.as_of_date
            and expected.structure_level = actual.structure_level
            and expected.party_kind = actual.party_kind
    where expected.parties is null
        or actual.parties is null
        or expected.parties <> actual.parties
        or coalesce(expected.profit_contribution, 0) <> coalesce(actual.profit_contribution, 0)

)

select * from final
