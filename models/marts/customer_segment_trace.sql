{#- 细分追溯 Why each party is in its segment, for auditors (SPEC 1 "Auditors"): one row per (as_of_date, party_id,
    rule step) in the order the rules apply, with the step's outcome, the input and threshold it compared, the
    parameter version and override source that decided it, and its reason codes in plain words
    (seed rule_reason_codes). `make explain PARTY=...` prints these rows. -#}

with

steps as (

    select * from {{ ref('int_party_rule_steps_traced') }}

),

reasons as (

    select * from {{ ref('int_party_reason_codes_explained') }}

),

final as (

    select
        steps.as_of_date,
        steps.party_id,
        steps.party_kind,
        steps.step_order,
        steps.rule_step,
        steps.outcome,
        steps.input_value,
        steps.input_text,
        steps.threshold_value,
        steps.parameter_version,
        steps.parameter_source,
        reasons.reason_codes,
        reasons.reason_texts
    from steps
    left join reasons
        on steps.party_id = reasons.party_id
            and steps.rule_step = reasons.rule_step

)

select * from final
