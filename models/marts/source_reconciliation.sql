{#- 源数据核对 Source reconciliation (SPEC 6 "Nothing lost"): for every raw table, rows and amount read
    from the raw files, accepted by staging and quarantined in stg_bank__rejections. raw = accepted + rejected
    must hold exactly (the singular test assert_source_reconciliation_balances fails the build otherwise), and
    the accepted staging view must pass on exactly the accepted rows. Amounts are the table's reconciliation
    amount column (amount_column) at full precision, not converted and not rounded. The daily balance tables
    (validated by month batch, DECISIONLOG H-014) count a row of the base model and of the monthly staging view
    as balance_rows / balance_days raw rows. -#}

with

raw_profiles as (

    select
        source_table,
        amount_column,
        raw_rows,
        raw_amount
    from {{ ref('stg_bank__raw_table_profiles') }}

),

rejections as (

    select
        source_table,
        reconciliation_amount
    from {{ ref('stg_bank__rejections') }}

),

{% for table_name in raw_table_names() %}
    {%- set is_batched = table_name in raw_table_names(batched_only=true) %}
    {{ table_name }}_validated as (

        select
            rejection_reason,
            {{ 'balance_rows' if is_batched else '1' }} as raw_rows,
            reconciliation_amount
        from {{ ref('base_bank__' ~ table_name) }}

    ),

    {{ table_name }}_staged as (

        {% if is_batched -%}
            select sum(balance_days) as staged_rows from {{ ref('stg_bank__' ~ table_name ~ '_by_month') }}
        {%- else -%}
            select count(*) as staged_rows from {{ ref('stg_bank__' ~ table_name) }}
        {%- endif %}

    ),

{% endfor -%}

accepted_rows_counted as (

    {% for table_name in raw_table_names() -%}
        select
            '{{ table_name }}' as source_table,
            sum({{ table_name }}_validated.raw_rows) as accepted_rows,
            sum({{ table_name }}_validated.reconciliation_amount) as accepted_amount
        from {{ table_name }}_validated
        where {{ table_name }}_validated.rejection_reason is null
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

staged_rows_counted as (

    {% for table_name in raw_table_names() -%}
        select
            '{{ table_name }}' as source_table,
            {{ table_name }}_staged.staged_rows
        from {{ table_name }}_staged
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

rejected_rows_counted as (

    select
        source_table,
        count(*) as rejected_rows,
        sum(reconciliation_amount) as rejected_amount
    from rejections
    group by source_table

),

counts_joined as (

    select
        raw_profiles.source_table,
        raw_profiles.amount_column,
        raw_profiles.raw_rows,
        coalesce(accepted_rows_counted.accepted_rows, 0) as accepted_rows,
        coalesce(rejected_rows_counted.rejected_rows, 0) as rejected_rows,
        coalesce(staged_rows_counted.staged_rows, 0) as staged_rows,
        cast(coalesce(raw_profiles.raw_amount, 0) as decimal(38, 10)) as raw_amount,
        cast(coalesce(accepted_rows_counted.accepted_amount, 0) as decimal(38, 10)) as accepted_amount,
        cast(coalesce(rejected_rows_counted.rejected_amount, 0) as decimal(38, 10)) as rejected_amount
    from raw_profiles
    left join accepted_rows_counted on raw_profiles.source_table = accepted_rows_counted.source_table
    left join rejected_rows_counted on raw_profiles.source_table = rejected_rows_counted.source_table
    left join staged_rows_counted on raw_profiles.source_table = staged_rows_counted.source_table

),

final as (

    select
        source_table,
        amount_column,
        cast(raw_rows as bigint) as raw_rows,
        cast(accepted_rows as bigint) as accepted_rows,
        cast(rejected_rows as bigint) as rejected_rows,
        cast(staged_rows as bigint) as staged_rows,
        raw_amount,
        accepted_amount,
        rejected_amount,
        cast(raw_rows - accepted_rows - rejected_rows as bigint) as unreconciled_rows,
        cast(raw_amount - accepted_amount - rejected_amount as decimal(38, 10)) as unreconciled_amount,
        case
            when raw_rows > 0
                then cast(round(cast(rejected_rows as decimal(38, 10)) / raw_rows, 6) as decimal(18, 6))
        end as rejected_share,
        raw_rows = accepted_rows + rejected_rows
        and raw_amount = accepted_amount + rejected_amount
        and staged_rows = accepted_rows as is_reconciled
    from counts_joined

)

select * from final
