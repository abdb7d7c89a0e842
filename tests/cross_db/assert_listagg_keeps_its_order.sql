{#- 有序拼接 dbt.listagg keeps its `order by` on every adapter (issue 20; DECISIONLOG X-004): customer_segments.needs
    and the parameter-version lists are joined in a policy order, and an adapter that drops the order (dbt-spark's
    own listagg does) changes published text silently. The rows arrive in an order that is neither the sort key's
    nor the values' alphabetical one, so an adapter that keeps arrival order, or sorts by value, fails; a null is
    skipped. Returns one row per party whose joined list differs from the expected one. -#}

with

needs as (

    select *
    from (
        values
        ('P1', 3, 'DEPOSIT'),
        ('P1', 1, 'SETTLEMENT'),
        ('P1', 2, 'LOAN'),
        ('P2', 4, 'ADVISORY'),
        ('P2', 2, 'TRADE_FINANCE'),
        ('P2', 5, null),
        ('P2', 3, 'CUSTODY'),
        ('P2', 1, 'PAYROLL')
    ) as needs_in_arrival_order (party_id, need_order, need_category)  -- noqa: AL05

),

expected as (

    select *
    from (
        values
        ('P1', 'SETTLEMENT;LOAN;DEPOSIT'),
        ('P2', 'PAYROLL;TRADE_FINANCE;CUSTODY;ADVISORY')
    ) as expected_lists (party_id, needs)  -- noqa: AL05

),

listed as (

    select
        party_id,
        {{ dbt.listagg('need_category', "';'", 'order by need_order') }} as needs
    from needs
    group by party_id

),

final as (

    select
        coalesce(expected.party_id, listed.party_id) as party_id,
        expected.needs as expected_needs,
        listed.needs as listed_needs
    from expected
    full outer join listed on expected.party_id = listed.party_id
    where expected.needs is distinct from listed.needs

)

select * from final
