{#- 重复目标客户报告 Prospects left out of the target population because their uscc duplicates an existing
    customer's or a lower prospect_id's (SPEC 4.4 and 8: reported, not double counted; DECISIONLOG C-005).
    One row per left-out prospect, with the party it duplicates. -#}

with

prospects_matched as (

    select
        prospect_id,
        customer_name,
        uscc,
        branch_code,
        match_outcome,
        duplicate_of_party_id,
        is_kept
    from {{ ref('int_prospects_matched_on_uscc') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

final as (

    select
        evaluation_window.as_of_date,
        prospects_matched.prospect_id,
        prospects_matched.customer_name,
        prospects_matched.uscc,
        prospects_matched.branch_code,
        prospects_matched.match_outcome as duplicate_reason,
        prospects_matched.duplicate_of_party_id
    from prospects_matched
    cross join evaluation_window
    where not prospects_matched.is_kept

)

select * from final
