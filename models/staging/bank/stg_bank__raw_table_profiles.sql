{#- 源数据概况 Row count and amount total of every raw table (SPEC 6 "Nothing lost"): the raw side of
    source_reconciliation. The amount is the table's reconciliation amount column (sources YAML meta
    reconciliation_amount) cast to its contract type as its base model casts it (a value that does not cast counts
    0 here and there), so raw = accepted + rejected holds to the last decimal unless a row is lost or duplicated on
    the way. The daily balance tables are counted by their month batches (base_bank__<table>_batches, one scan of
    the raw files per build); the other tables are read here, only the amount column. -#}

with

{% for table_name in raw_table_names() %}
    {{ table_name }}_profile as (
        {%- set table = raw_table(table_name) %}
        {%- set is_batched = table_name in raw_table_names(batched_only=true) %}
        {%- set amount = dbt.safe_cast(table.amount_column, table.amount_type) if table.amount_column else none %}
        {%- set raw_amount = 'sum(raw_amount)' if is_batched
            else 'sum(cast(' ~ amount ~ ' as decimal(38, 10)))' if amount
            else 'cast(null as decimal(38, 10))' %}
        select
            '{{ table_name }}' as source_table,
            cast({{ "'" ~ table.amount_column ~ "'" if table.amount_column else 'null' }} as {{ dbt.type_string() }})
                as amount_column,
            {{ 'sum(raw_rows)' if is_batched else 'count(*)' }} as raw_rows,
            {{ raw_amount }} as raw_amount
        from {{ ref('base_bank__' ~ table_name ~ '_batches') if is_batched else source('bank', table_name) }}

    ),

{% endfor -%}

profiles_unioned as (

    {% for table_name in raw_table_names() -%}
        select * from {{ table_name }}_profile
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        source_table,
        amount_column,
        cast(raw_rows as bigint) as raw_rows,
        cast(raw_amount as decimal(38, 10)) as raw_amount
    from profiles_unioned

)

select * from final
