{#- 隔离比例 One row per raw table whose quarantined share of rows is above the dbt var rejected_share_error
    (issue 7; DECISIONLOG Q-004). Severity error: the build fails. -#}
{{ config(severity='error', error_if='>0', warn_if='>0') }}

with

reconciliation as (

    select
        source_table,
        raw_rows,
        rejected_rows,
        rejected_share
    from {{ ref('source_reconciliation') }}

),

final as (

    select
        source_table,
        raw_rows,
        rejected_rows,
        rejected_share,
        {{ var('rejected_share_error') }} as threshold_share
    from reconciliation
    where rejected_rows > {{ var('rejected_share_error') }} * raw_rows

)

select * from final
