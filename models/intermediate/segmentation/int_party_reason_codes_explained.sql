{#- 原因说明 Every rule step of the trace (int_party_rule_steps_traced), one row per (party, rule step), with its
    reason codes and their plain-words texts. The codes of a step's source list (e.g. the classification
    and tier reasons of customer_segments) that the seed rule_reason_codes names for that step are the step's codes
    (an exact code beats the longest matching prefix; {detail} in a prefix row's text becomes the rest of the code),
    joined again in the order the rules stated them. Each distinct source list of a step is explained once (about
    a thousand lists, against a row per party and step) and joined back to the steps by its text.
    tests/audit/assert_every_reason_code_is_explained.sql fails when a published code is explained by no step. -#}

with

steps as (

    select * from {{ ref('int_party_rule_steps_traced') }}

),

reason_texts as (

    select
        rule_step,
        reason_code,
        is_prefix,
        reason_text
    from {{ ref('rule_reason_codes') }}

),

code_lists as (

    select distinct
        rule_step,
        source_reason_codes
    from steps
    where source_reason_codes is not null

),

codes_split as (

    select
        rule_step,
        source_reason_codes,
        case when rule_step like 'STRATEGY_%' then 'STRATEGY' else rule_step end as reason_step,
        {{ split_codes('source_reason_codes') }}
    from code_lists

),

codes_explained as (

    {#- A code belongs to the step whose seed rows name it; an exact code beats the longest matching prefix. -#}
    select
        codes_split.rule_step,
        codes_split.source_reason_codes,
        codes_split.code,
        codes_split.code_position,
        replace(
            reason_texts.reason_text,
            '{detail}',
            lower(replace(substring(codes_split.code, length(reason_texts.reason_code) + 1), '_', ' '))
        ) as reason_text,
        row_number() over (
            partition by codes_split.rule_step, codes_split.source_reason_codes, codes_split.code_position
            order by reason_texts.is_prefix, length(reason_texts.reason_code) desc
        ) as match_rank
    from codes_split
    inner join reason_texts
        on codes_split.reason_step = reason_texts.rule_step
            and (
                codes_split.code = reason_texts.reason_code
                or reason_texts.is_prefix and codes_split.code like reason_texts.reason_code || '%'
            )

),

codes_listed as (

    select
        rule_step,
        source_reason_codes,
        {{ dbt.listagg('code', "';'", 'order by code_position') }} as reason_codes,
        {{ dbt.listagg('reason_text', "'; '", 'order by code_position') }} as reason_texts
    from codes_explained
    where match_rank = 1
    group by rule_step, source_reason_codes

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
        codes_listed.reason_codes,
        codes_listed.reason_texts
    from steps
    left join codes_listed
        on steps.rule_step = codes_listed.rule_step
            and steps.source_reason_codes = codes_listed.source_reason_codes

)

select * from final
