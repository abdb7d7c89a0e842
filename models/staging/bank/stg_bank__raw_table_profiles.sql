{#- 源数据概况 Row count and amount total of every raw table (SPEC 6 "Nothing lost"): the raw side of
    source_reconciliation. The amount is the table's reconciliation amount column (sources YAML meta
    reconciliation_amount) cast to its contract type as its base model casts it (a value that does not cast counts
    0 here and there), so raw = accepted + rejected holds to the last decimal unless a row is lost or duplicated on
    the way. The daily balance tables are counted by their month batches (base_bank__<table>_batches, one scan of
    the raw files per build); the other tables are read here, only the amount column. -#}

with

{% for table_name in raw_table_names() %}
    {%- set table = raw_table(table_name) %}
    {{ table_name }}_profile as (

        {% if table_name in raw_table_names(batched_only=true) -%}
            select
                '{{ table_name }}' as source_table,
                '{{ table.amount_column }}' as amount_column,
                sum(raw_rows) as raw_rows,
                sum(raw_amount) as raw_amount
            from {{ ref('base_bank__' ~ table_name ~ '_batches') }}
        {%- else -%}
            select
                '{{ table_name }}' as source_table,
                {% if table.amount_column -%}
                    '{{ table.amount_column }}' as amount_column,
                {%- else -%}
                    cast(null as {{ dbt.type_string() }}) as amount_column,
                {%- endif %}
                count(*) as raw_rows,
                {% if table.amount_column -%}
                    sum(cast({{ dbt.safe_cast(table.amount_column, table.amount_type) }} as decimal(38, 10)))
                        as raw_amount
                {%- else -%}
                    cast(null as decimal(38, 10)) as raw_amount
                {%- endif %}
            from {{ source('bank', table_name) }}
        {%- endif %}

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
