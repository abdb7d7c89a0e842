{#- 客户迁移矩阵 Segment migration between consecutive as-of dates of the history (SPEC 4.9; DECISIONLOG
    H-005): for every as-of date after the first, how many parties moved from each segment (loan status, market
    class, sub-class, tier, quadrant) of the previous as-of date to each segment of this one, including NEW parties
    (from_* = 'NEW') and LOST ones (to_* = 'LOST'), with the move's type (NEW / LOST / UPGRADE / DOWNGRADE / STABLE /
    UNRANKED on the ladder of the seed tier_ranks) and the profit contribution of the movers on both dates. Summed
    by "from" it gives the previous date's segment counts plus the new parties; by "to", this date's counts plus the
    lost ones (tests/history/assert_segment_migration_totals_reconcile.sql). -#}

with

party_migrations as (

    select * from {{ ref('int_parties_migrated_between_as_of_dates') }}

),

final as (

    select
        as_of_date,
        previous_as_of_date,
        months_since_previous_as_of_date,
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
        migration_type,
        from_tier_rank,
        to_tier_rank,
        cast(count(*) as integer) as parties,
        cast(sum(from_profit_contribution) as decimal(18, 2)) as from_profit_contribution,
        cast(sum(to_profit_contribution) as decimal(18, 2)) as to_profit_contribution,
        tier_rank_parameter_version
    from party_migrations
    group by
        as_of_date,
        previous_as_of_date,
        months_since_previous_as_of_date,
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
        migration_type,
        from_tier_rank,
        to_tier_rank,
        tier_rank_parameter_version

)

select * from final
