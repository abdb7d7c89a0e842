{#- 隔离比例 One row per raw table whose quarantined share of rows is above the dbt var rejected_share_warn
    (issue 7; DECISIONLOG Q-004). Severity warn: the build goes on and reports the tables. -#}
{{ config(severity='warn', warn_if='>0') }}

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
        {{ var('rejected_share_warn') }} as threshold_share
    from reconciliation
    where rejected_rows > {{ var('rejected_share_warn') }} * raw_rows

)

select * from final
