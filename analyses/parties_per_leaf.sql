{#- 分层分类客户分布 Parties per leaf of the segmentation tree and quadrant, for the as-of date of the build:
    the first table a relationship-management head asks for. `dbt compile` renders it to target/compiled. -#}

with

segments as (

    select
        as_of_date,
        party_kind,
        loan_status,
        market_class,
        sub_class,
        tier,
        quadrant
    from {{ ref('customer_segments') }}

),

final as (

    select
        as_of_date,
        party_kind,
        loan_status,
        market_class,
        sub_class,
        tier,
        quadrant,
        count(*) as parties
    from segments
    group by as_of_date, party_kind, loan_status, market_class, sub_class, tier, quadrant

)

select * from final
order by as_of_date, party_kind, loan_status, market_class, sub_class, tier, quadrant
