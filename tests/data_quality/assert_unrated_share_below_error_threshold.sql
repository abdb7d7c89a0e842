{#- 未评级比例 One row per tiering population (as_of_date, party_kind, loan_status: 有贷户, 无贷户, prospects)
    whose share of UNRATED parties is above the dbt var unrated_share_error (issue 7; DECISIONLOG Q-004).
    Institutional prospects are left out: the raw contract gives prospects no admin level, so they are
    UNRATED by rule (C-006), not for missing data. Severity error. -#}
{{ config(severity='error', error_if='>0', warn_if='>0') }}

with

segments as (

    select
        as_of_date,
        party_kind,
        loan_status,
        market_class,
        tier
    from {{ ref('customer_segments') }}

),

rated_by_data as (

    select
        as_of_date,
        party_kind,
        loan_status,
        tier
    from segments
    where not (party_kind = 'TARGET' and market_class = 'INSTITUTIONAL')

),

unrated_counted as (

    select
        as_of_date,
        party_kind,
        loan_status,
        count(*) as parties,
        sum(case when tier = 'UNRATED' then 1 else 0 end) as unrated_parties
    from rated_by_data
    group by as_of_date, party_kind, loan_status

),

final as (

    select
        as_of_date,
        party_kind,
        loan_status,
        parties,
        unrated_parties,
        {{ var('unrated_share_error') }} as threshold_share
    from unrated_counted
    where unrated_parties > {{ var('unrated_share_error') }} * parties

)

select * from final
