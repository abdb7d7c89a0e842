{#- Every reason code customer_segments publishes (reason_codes, national_size_reason, segment_reason_codes) is
    explained by a step of the trace mart customer_segment_trace: a code the seed rule_reason_codes does not name
    would otherwise vanish from the audit trail. Fails with the party and the unexplained code. -#}

with

published_lists as (

    select
        party_id,
        reason_codes as codes
    from {{ ref('customer_segments') }}
    union all
    select
        party_id,
        national_size_reason as codes
    from {{ ref('customer_segments') }}
    union all
    select
        party_id,
        segment_reason_codes as codes
    from {{ ref('customer_segments') }}

),

published_codes as (

    select
        party_id,
        {{ split_codes('codes') }}
    from published_lists
    where codes is not null

),

traced_codes as (

    select
        party_id,
        {{ split_codes('reason_codes') }}
    from {{ ref('customer_segment_trace') }}
    where reason_codes is not null

)

select
    published_codes.party_id,
    published_codes.code
from published_codes
left join traced_codes
    on published_codes.party_id = traced_codes.party_id
        and published_codes.code = traced_codes.code
where traced_codes.party_id is null
