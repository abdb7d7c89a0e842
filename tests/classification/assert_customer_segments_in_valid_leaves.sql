{#- 务求穷尽 Every row of customer_segments on the build's as-of date sits in exactly one valid leaf: its
    (loan_status, market_class, sub_class, tier) is a row of the seed classification_leaves in force
    (SPEC 4.2, 6). Returns the rows that are not. -#}

with

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

leaves as (

    select
        classification_leaves.loan_status,
        classification_leaves.market_class,
        classification_leaves.sub_class,
        classification_leaves.tier
    from {{ ref('classification_leaves') }} as classification_leaves
    inner join evaluation_window
        on {{ is_in_force('classification_leaves', 'evaluation_window.as_of_date') }}

),

segments as (

    select
        customer_segments.party_id,
        customer_segments.loan_status,
        customer_segments.market_class,
        customer_segments.sub_class,
        customer_segments.tier
    from {{ ref('customer_segments') }} as customer_segments
    inner join evaluation_window
        on customer_segments.as_of_date = evaluation_window.as_of_date

),

leaf_matches as (

    select
        segments.party_id,
        segments.loan_status,
        segments.market_class,
        segments.sub_class,
        segments.tier,
        count(leaves.tier) as matching_leaves
    from segments
    left join leaves
        on segments.loan_status = leaves.loan_status
            and segments.market_class = leaves.market_class
            and segments.sub_class = leaves.sub_class
            and segments.tier = leaves.tier
    group by
        segments.party_id,
        segments.loan_status,
        segments.market_class,
        segments.sub_class,
        segments.tier

)

select * from leaf_matches
where matching_leaves <> 1
