{#- Fails for every raw table whose published rejection rows (data_quality_rejections) differ in count or amount
    from the rejected side of source_reconciliation, i.e. the published quarantine lost or added a row. -#}

with

published as (

    select
        source_table,
        reconciliation_amount
    from {{ ref('data_quality_rejections') }}

),

reconciliation as (

    select
        source_table,
        rejected_rows,
        rejected_amount
    from {{ ref('source_reconciliation') }}

),

published_per_table as (

    select
        source_table,
        count(*) as published_rows,
        coalesce(sum(reconciliation_amount), 0) as published_amount
    from published
    group by source_table

),

final as (

    select
        reconciliation.source_table,
        reconciliation.rejected_rows,
        coalesce(published_per_table.published_rows, 0) as published_rows,
        reconciliation.rejected_amount,
        coalesce(published_per_table.published_amount, 0) as published_amount
    from reconciliation
    left join published_per_table on reconciliation.source_table = published_per_table.source_table
    where reconciliation.rejected_rows <> coalesce(published_per_table.published_rows, 0)
        or reconciliation.rejected_amount <> coalesce(published_per_table.published_amount, 0)

)

select * from final
