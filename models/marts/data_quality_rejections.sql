{#- 数据质量隔离明细 Every raw row that staging quarantined, published for BI users and auditors (SPEC 5 and 6):
    the raw table, the row key (key columns joined with '|', '<null>' for a null key) to find the row in the raw
    file, the reason code (the first failing check, D-003) and the row's reconciliation amount. occurrence
    numbers rows that share table, key and reason (repeated exact duplicates, both rows of a key conflict, null
    keys). Totals per table reconcile with source_reconciliation.rejected_rows / rejected_amount (tested). -#}

with

rejections as (

    select
        source_table,
        row_key,
        reason_code,
        reconciliation_amount
    from {{ ref('stg_bank__rejections') }}

),

rejections_numbered as (

    select
        source_table,
        row_key,
        reason_code,
        cast(reconciliation_amount as decimal(38, 10)) as reconciliation_amount,
        cast(row_number() over (
            partition by source_table, row_key, reason_code
            order by reconciliation_amount
        ) as integer) as occurrence
    from rejections

),

final as (

    select * from rejections_numbered

)

select * from final
