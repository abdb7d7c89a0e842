{#- 务求穷尽 Exactly once (SPEC 6): on the build's as-of date, customer_segments holds every existing
    customer and every non-duplicate prospect exactly once, with the right party_kind, and no other row.
    The expected population is recomputed here from staging, independently of the classification models:
    existing = int_customers_balances_summarised.is_existing; a prospect is a duplicate when its uscc
    (case-insensitive) is an existing customer's or a lower prospect_id has the same uscc (SPEC 8).
    Returns one row per problem (MISSING, UNEXPECTED, DUPLICATED). -#}

with

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

customers as (

    select
        customer_id,
        uscc
    from {{ ref('stg_bank__customers') }}

),

customer_existence as (

    select
        customer_id,
        is_existing
    from {{ ref('int_customers_balances_summarised') }}

),

prospects as (

    select
        prospect_id,
        uscc
    from {{ ref('stg_bank__prospects') }}

),

segments as (

    select
        customer_segments.party_id,
        customer_segments.party_kind
    from {{ ref('customer_segments') }} as customer_segments
    inner join evaluation_window
        on customer_segments.as_of_date = evaluation_window.as_of_date

),

existing_customers as (

    select
        customers.customer_id,
        customers.uscc
    from customers
    inner join customer_existence
        on customers.customer_id = customer_existence.customer_id
    where customer_existence.is_existing

),

existing_usccs as (

    select distinct upper(uscc) as uscc_key
    from existing_customers
    where uscc is not null

),

lowest_prospect_per_uscc as (

    select
        upper(uscc) as uscc_key,
        min(prospect_id) as prospect_id
    from prospects
    where uscc is not null
    group by upper(uscc)

),

expected as (

    select
        customer_id as party_id,
        'EXISTING' as party_kind
    from existing_customers

    union all

    select
        prospects.prospect_id as party_id,
        'TARGET' as party_kind
    from prospects
    left join existing_usccs
        on upper(prospects.uscc) = existing_usccs.uscc_key
    left join lowest_prospect_per_uscc
        on upper(prospects.uscc) = lowest_prospect_per_uscc.uscc_key
    where prospects.uscc is null
        or (existing_usccs.uscc_key is null and prospects.prospect_id = lowest_prospect_per_uscc.prospect_id)

),

segment_counts as (

    select
        party_id,
        party_kind,
        count(*) as occurrences
    from segments
    group by party_id, party_kind

),

problems as (

    select
        expected.party_id,
        expected.party_kind,
        'MISSING' as problem
    from expected
    left join segment_counts
        on expected.party_id = segment_counts.party_id
            and expected.party_kind = segment_counts.party_kind
    where segment_counts.party_id is null

    union all

    select
        segment_counts.party_id,
        segment_counts.party_kind,
        'UNEXPECTED' as problem
    from segment_counts
    left join expected
        on segment_counts.party_id = expected.party_id
            and segment_counts.party_kind = expected.party_kind
    where expected.party_id is null

    union all

    select
        party_id,
        party_kind,
        'DUPLICATED' as problem
    from segment_counts
    where occurrences > 1

)

select * from problems
