{#- Nothing lost in the prospect de-duplication (SPEC 4.4 and 6): every accepted prospect is either kept
    (int_prospects_deduplicated) or reported (int_prospects_reported_as_duplicates), exactly once and never
    both. Returns the prospects that break it. -#}

with

accepted as (

    select prospect_id from {{ ref('stg_bank__prospects') }}

),

kept as (

    select prospect_id from {{ ref('int_prospects_deduplicated') }}

),

reported as (

    select prospect_id from {{ ref('int_prospects_reported_as_duplicates') }}

),

outcomes as (

    select
        accepted.prospect_id,
        count(distinct kept.prospect_id) as kept_rows,
        count(distinct reported.prospect_id) as reported_rows
    from accepted
    left join kept on accepted.prospect_id = kept.prospect_id
    left join reported on accepted.prospect_id = reported.prospect_id
    group by accepted.prospect_id

),

strays as (

    select kept.prospect_id from kept left join accepted on kept.prospect_id = accepted.prospect_id
    where accepted.prospect_id is null

    union all

    select reported.prospect_id from reported left join accepted on reported.prospect_id = accepted.prospect_id
    where accepted.prospect_id is null

)

select
    prospect_id,
    'NOT_EXACTLY_ONE_OUTCOME' as problem
from outcomes
where kept_rows + reported_rows <> 1

union all

select
    prospect_id,
    'NOT_AN_ACCEPTED_PROSPECT' as problem
from strays
