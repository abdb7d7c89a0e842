{#- 细分追溯 Why each party is in its segment, for auditors (SPEC 1 "Auditors"): one row per (as_of_date, party_id,
    rule step) in the order the rules apply, with the step's outcome, the input and threshold it compared, the
    parameter version and override source that decided it, and its reason codes in plain words
    (seed rule_reason_codes). `make explain PARTY=...` prints these rows. -#}

with

steps_explained as (

    select * from {{ ref('int_party_reason_codes_explained') }}

),

final as (

    select
        as_of_date,
        party_id,
        party_kind,
        step_order,
        rule_step,
        outcome,
        input_value,
        input_text,
        threshold_value,
        parameter_version,
        parameter_source,
        reason_codes,
        reason_texts
    from steps_explained

)

select * from final
