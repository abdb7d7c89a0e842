{#- 迁移总数核对 Migration totals (DECISIONLOG H-005). For every as-of date of customer_segment_history that
    has a previous as-of date, segment_migration summed by its "from" segment must equal the previous date's
    segment counts in the history, plus the NEW parties (segmented now, not then); summed by its "to" segment it must
    equal this date's counts, plus the LOST parties (segmented then, not now). A date missing from segment_migration
    fails too. Returns one row per mismatching (as_of_date, side, segment). -#}

with

migration as (

    select
        as_of_date,
        party_kind,
        from_loan_status,
        from_market_class,
        from_sub_class,
        from_tier,
        from_quadrant,
        to_loan_status,
        to_market_class,
        to_sub_class,
        to_tier,
        to_quadrant,
        parties
    from {{ ref('segment_migration') }}

),

segment_history as (

    select
        as_of_date,
        party_id,
        party_kind,
        loan_status,
        market_class,
        sub_class,
        tier,
        quadrant
    from {{ ref('customer_segment_history') }}

),

as_of_dates as (

    select distinct as_of_date from segment_history

),

date_pairs as (

    select
        as_of_date,
        previous_as_of_date
    from (
        select
            as_of_date,
            lag(as_of_date) over (order by as_of_date) as previous_as_of_date
        from as_of_dates
    ) as consecutive_dates
    where previous_as_of_date is not null

),

parties_before as (

    select
        date_pairs.as_of_date,
        segment_history.party_id,
        segment_history.party_kind,
        segment_history.loan_status,
        segment_history.market_class,
        segment_history.sub_class,
        segment_history.tier,
        segment_history.quadrant
    from date_pairs
    inner join segment_history on date_pairs.previous_as_of_date = segment_history.as_of_date

),

parties_now as (

    select
        date_pairs.as_of_date,
        segment_history.party_id,
        segment_history.party_kind,
        segment_history.loan_status,
        segment_history.market_class,
        segment_history.sub_class,
        segment_history.tier,
        segment_history.quadrant
    from date_pairs
    inner join segment_history on date_pairs.as_of_date = segment_history.as_of_date

),

expected_from_side as (

    select
        as_of_date,
        party_kind,
        loan_status,
        market_class,
        sub_class,
        tier,
        quadrant,
        count(*) as parties
    from parties_before
    group by as_of_date, party_kind, loan_status, market_class, sub_class, tier, quadrant

    union all

    select
        parties_now.as_of_date,
        parties_now.party_kind,
        'NEW' as loan_status,
        'NEW' as market_class,
        'NEW' as sub_class,
        'NEW' as tier,
        'NEW' as quadrant,
        count(*) as parties
    from parties_now
    left join parties_before
        on parties_now.as_of_date = parties_before.as_of_date
            and parties_now.party_id = parties_before.party_id
    where parties_before.party_id is null
    group by parties_now.as_of_date, parties_now.party_kind

),

expected_to_side as (

    select
        as_of_date,
        party_kind,
        loan_status,
        market_class,
        sub_class,
        tier,
        quadrant,
        count(*) as parties
    from parties_now
    group by as_of_date, party_kind, loan_status, market_class, sub_class, tier, quadrant

    union all

    select
        parties_before.as_of_date,
        parties_before.party_kind,
        'LOST' as loan_status,
        'LOST' as market_class,
        'LOST' as sub_class,
        'LOST' as tier,
        'LOST' as quadrant,
        count(*) as parties
    from parties_before
    left join parties_now
        on parties_before.as_of_date = parties_now.as_of_date
            and parties_before.party_id = parties_now.party_id
    where parties_now.party_id is null
    group by parties_before.as_of_date, parties_before.party_kind

),

migration_from_side as (

    select
        as_of_date,
        party_kind,
        from_loan_status as loan_status,
        from_market_class as market_class,
        from_sub_class as sub_class,
        from_tier as tier,
        from_quadrant as quadrant,
        sum(parties) as parties
    from migration
    group by as_of_date, party_kind, from_loan_status, from_market_class, from_sub_class, from_tier, from_quadrant

),

migration_to_side as (

    select
        as_of_date,
        party_kind,
        to_loan_status as loan_status,
        to_market_class as market_class,
        to_sub_class as sub_class,
        to_tier as tier,
        to_quadrant as quadrant,
        sum(parties) as parties
    from migration
    group by as_of_date, party_kind, to_loan_status, to_market_class, to_sub_class, to_tier, to_quadrant

),

from_side_compared as (

    select
        'FROM' as side,
        coalesce(expected.as_of_date, actual.as_of_date) as as_of_date,
        coalesce(expected.party_kind, actual.party_kind) as party_kind,
        coalesce(expected.loan_status, actual.loan_status) as loan_status,
        coalesce(expected.market_class, actual.market_class) as market_class,
        coalesce(expected.sub_class, actual.sub_class) as sub_class,
        coalesce(expected.tier, actual.tier) as tier,
        coalesce(expected.quadrant, actual.quadrant) as quadrant,
        coalesce(expected.parties, 0) as expected_parties,
        coalesce(actual.parties, 0) as migration_parties
    from expected_from_side as expected
    full outer join migration_from_side as actual
        on expected.as_of_date = actual.as_of_date
            and expected.party_kind = actual.party_kind
            and expected.loan_status = actual.loan_status
            and expected.market_class = actual.market_class
            and expected.sub_class = actual.sub_class
            and expected.tier = actual.tier
            and expected.quadrant = actual.quadrant

),

to_side_compared as (

    select
        'TO' as side,
        coalesce(expected.as_of_date, actual.as_of_date) as as_of_date,
        coalesce(expected.party_kind, actual.party_kind) as party_kind,
        coalesce(expected.loan_status, actual.loan_status) as loan_status,
        coalesce(expected.market_class, actual.market_class) as market_class,
        coalesce(expected.sub_class, actual.sub_class) as sub_class,
        coalesce(expected.tier, actual.tier) as tier,
        coalesce(expected.quadrant, actual.quadrant) as quadrant,
        coalesce(expected.parties, 0) as expected_parties,
        coalesce(actual.parties, 0) as migration_parties
    from expected_to_side as expected
    full outer join migration_to_side as actual
        on expected.as_of_date = actual.as_of_date
            and expected.party_kind = actual.party_kind
            and expected.loan_status = actual.loan_status
            and expected.market_class = actual.market_class
            and expected.sub_class = actual.sub_class
            and expected.tier = actual.tier
            and expected.quadrant = actual.quadrant

),

final as (

    select * from from_side_compared
    where expected_parties <> migration_parties
    union all
    select * from to_side_compared
    where expected_parties <> migration_parties

)

select * from final
