{#- The national size class exists exactly once for every accepted customer (existing or not) and every
    accepted prospect (SPEC 8: computed for every party), and for nothing else. Returns the problems. -#}

with

expected as (

    select
        customer_id as party_id,
        'CUSTOMER' as party_kind
    from {{ ref('stg_bank__customers') }}

    union all

    select
        prospect_id as party_id,
        'PROSPECT' as party_kind
    from {{ ref('stg_bank__prospects') }}

),

actual as (

    select
        party_id,
        party_kind,
        count(*) as occurrences
    from {{ ref('int_parties_classified_by_national_size') }}
    group by party_id, party_kind

),

problems as (

    select
        expected.party_id,
        expected.party_kind,
        'MISSING' as problem
    from expected
    left join actual
        on expected.party_id = actual.party_id
            and expected.party_kind = actual.party_kind
    where actual.party_id is null

    union all

    select
        actual.party_id,
        actual.party_kind,
        case when expected.party_id is null then 'UNEXPECTED' else 'DUPLICATED' end as problem
    from actual
    left join expected
        on actual.party_id = expected.party_id
            and actual.party_kind = expected.party_kind
    where expected.party_id is null
        or actual.occurrences > 1

)

select * from problems
