{#- Reason codes let an auditor read the decision (SPEC 4.3 and 8): on the build's as-of date, an UNRATED row
    names what is missing (MISSING_<...> or UNKNOWN_ORG_TYPE), emerging_group is filled exactly when the
    sub-class is EMERGING, and the classification path is readable. Returns the rows that break it. -#}

with

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

segments as (

    select customer_segments.*
    from {{ ref('customer_segments') }} as customer_segments
    inner join evaluation_window
        on customer_segments.as_of_date = evaluation_window.as_of_date

)

select
    party_id,
    sub_class,
    emerging_group,
    tier,
    reason_codes,
    classification_path
from segments
where (tier = 'UNRATED' and reason_codes not like '%MISSING%' and reason_codes not like '%UNKNOWN_ORG_TYPE%')
    or (sub_class = 'EMERGING' and emerging_group is null)
    or (sub_class <> 'EMERGING' and emerging_group is not null)
    or classification_path not like '% > % > % > %'
