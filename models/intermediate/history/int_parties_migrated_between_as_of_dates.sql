{#- 客户迁移 Every party's move between two consecutive as-of dates of the segment history (SPEC 4.9;
    DECISIONLOG H-005): one row per (as_of_date, party_id) for every party segmented on the as-of date or on the
    previous as-of date of the history. A party only on the as-of date is NEW (from_* = 'NEW'), one only on the
    previous date is LOST (to_* = 'LOST'). Otherwise the tiers are compared on the ladder of the seed tier_ranks in
    force on the as-of date: a better (lower) rank is an UPGRADE, a worse one a DOWNGRADE, the same rank STABLE; a
    move to or from an unranked tier (UNRATED) is UNRANKED, staying UNRATED is STABLE. The first as-of date of the
    history has no previous date and no rows. -#}

with

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

profitability_history as (

    select
        as_of_date,
        customer_id,
        profit_contribution
    from {{ ref('customer_profitability_history') }}

),

tier_ranks as (

    select
        tier,
        tier_rank,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('tier_ranks') }}

),

as_of_dates as (

    select distinct as_of_date from segment_history

),

consecutive_as_of_dates as (

    select
        as_of_date,
        lag(as_of_date) over (order by as_of_date) as previous_as_of_date
    from as_of_dates

),

date_pairs as (

    select
        as_of_date,
        previous_as_of_date
    from consecutive_as_of_dates
    where previous_as_of_date is not null

),

parties_with_profit as (

    select
        segment_history.as_of_date,
        segment_history.party_id,
        segment_history.party_kind,
        segment_history.loan_status,
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

parties_now as (

    select
        date_pairs.previous_as_of_date,
        parties_with_profit.*
    from date_pairs
    inner join parties_with_profit on date_pairs.as_of_date = parties_with_profit.as_of_date

),

parties_before as (

    select
        date_pairs.as_of_date as next_as_of_date,
        parties_with_profit.*
    from date_pairs
    inner join parties_with_profit on date_pairs.previous_as_of_date = parties_with_profit.as_of_date

),

parties_paired as (

    select
        coalesce(parties_now.as_of_date, parties_before.next_as_of_date) as as_of_date,
        coalesce(parties_now.previous_as_of_date, parties_before.as_of_date) as previous_as_of_date,
        coalesce(parties_now.party_id, parties_before.party_id) as party_id,
        coalesce(parties_now.party_kind, parties_before.party_kind) as party_kind,
        parties_before.party_id is not null as was_segmented_before,
        parties_now.party_id is not null as is_segmented_now,
        parties_before.loan_status as before_loan_status,
        parties_before.market_class as before_market_class,
        parties_before.sub_class as before_sub_class,
        parties_before.tier as before_tier,
        parties_before.quadrant as before_quadrant,
        parties_before.profit_contribution as before_profit_contribution,
        parties_now.loan_status as now_loan_status,
        parties_now.market_class as now_market_class,
        parties_now.sub_class as now_sub_class,
        parties_now.tier as now_tier,
        parties_now.quadrant as now_quadrant,
        parties_now.profit_contribution as now_profit_contribution
    from parties_now
    full outer join parties_before
        on parties_now.as_of_date = parties_before.next_as_of_date
            and parties_now.party_id = parties_before.party_id

),

parties_ranked as (

    select
        parties_paired.*,
        from_ranks.tier_rank as from_tier_rank,
        to_ranks.tier_rank as to_tier_rank,
        coalesce(to_ranks.parameter_version, from_ranks.parameter_version) as tier_rank_parameter_version
    from parties_paired
    left join tier_ranks as from_ranks
        on parties_paired.before_tier = from_ranks.tier
            and {{ is_in_force('from_ranks', 'parties_paired.as_of_date') }}
    left join tier_ranks as to_ranks
        on parties_paired.now_tier = to_ranks.tier
            and {{ is_in_force('to_ranks', 'parties_paired.as_of_date') }}

),

final as (

    select
        as_of_date,
        previous_as_of_date,
        cast({{ dbt.datediff('previous_as_of_date', 'as_of_date', 'month') }} as integer)
            as months_since_previous_as_of_date,
        party_id,
        party_kind,
        case when was_segmented_before then before_loan_status else 'NEW' end as from_loan_status,
        case when was_segmented_before then before_market_class else 'NEW' end as from_market_class,
        case when was_segmented_before then before_sub_class else 'NEW' end as from_sub_class,
        case when was_segmented_before then before_tier else 'NEW' end as from_tier,
        case when was_segmented_before then before_quadrant else 'NEW' end as from_quadrant,
        case when is_segmented_now then now_loan_status else 'LOST' end as to_loan_status,
        case when is_segmented_now then now_market_class else 'LOST' end as to_market_class,
        case when is_segmented_now then now_sub_class else 'LOST' end as to_sub_class,
        case when is_segmented_now then now_tier else 'LOST' end as to_tier,
        case when is_segmented_now then now_quadrant else 'LOST' end as to_quadrant,
        from_tier_rank,
        to_tier_rank,
        case
            when not was_segmented_before then 'NEW'
            when not is_segmented_now then 'LOST'
            when from_tier_rank < to_tier_rank then 'DOWNGRADE'
            when from_tier_rank > to_tier_rank then 'UPGRADE'
            when from_tier_rank = to_tier_rank then 'STABLE'
            when before_tier = now_tier then 'STABLE'
            else 'UNRANKED'
        end as migration_type,
        was_segmented_before and is_segmented_now
        and (before_market_class <> now_market_class or before_sub_class <> now_sub_class) as is_class_changed,
        was_segmented_before and is_segmented_now and before_tier <> now_tier as is_tier_changed,
        was_segmented_before and is_segmented_now and before_quadrant <> now_quadrant as is_quadrant_changed,
        before_profit_contribution as from_profit_contribution,
        now_profit_contribution as to_profit_contribution,
        tier_rank_parameter_version
    from parties_ranked

)

select * from final
