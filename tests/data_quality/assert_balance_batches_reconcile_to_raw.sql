{#- 批次核对 Every month batch of the daily balance tables reconciles (SPEC 6 "Nothing lost"; DECISIONLOG H-014): the raw
    rows and raw amount counted by the scan of the raw files (base_bank__<table>_batches) equal the rows and amount
    the base model accounts for in that batch (accepted monthly rows and rejected rows), and every batch of the raw
    data is stored and no other. Fails with one row per table and batch that does not. -#}

with

{% for table_name in raw_table_names(batched_only=true) %}
    {{ table_name }}_raw as (

        select
            '{{ table_name }}' as source_table,
            validation_batch,
            raw_rows,
            raw_amount
        from {{ ref('base_bank__' ~ table_name ~ '_batches') }}

    ),

    {{ table_name }}_validated as (

        select
            '{{ table_name }}' as source_table,
            validation_batch,
            sum(balance_rows) as validated_rows,
            sum(reconciliation_amount) as validated_amount
        from {{ ref('base_bank__' ~ table_name) }}
        group by validation_batch

    ),

{% endfor -%}

raw_batches as (

    {% for table_name in raw_table_names(batched_only=true) -%}
        select * from {{ table_name }}_raw
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

validated_batches as (

    {% for table_name in raw_table_names(batched_only=true) -%}
        select * from {{ table_name }}_validated
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        coalesce(raw_batches.source_table, validated_batches.source_table) as source_table,
        coalesce(raw_batches.validation_batch, validated_batches.validation_batch) as validation_batch,
        raw_batches.raw_rows,
        validated_batches.validated_rows,
        raw_batches.raw_amount,
        validated_batches.validated_amount
    from raw_batches
    full outer join validated_batches
        on raw_batches.source_table = validated_batches.source_table
            and raw_batches.validation_batch = validated_batches.validation_batch

)

select * from final
where raw_rows is null
    or validated_rows is null
    or raw_rows <> validated_rows
    or coalesce(raw_amount, 0) <> coalesce(validated_amount, 0)
