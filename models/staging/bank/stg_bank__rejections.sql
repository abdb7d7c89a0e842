{#- 隔离区 Quarantine: every raw row that staging did not pass on, with its table, key and reason code, from the base
    model of every raw table (macro raw_table_names). Together with the accepted rows it accounts for every raw
    row (raw = accepted + rejected, source_reconciliation). -#}

with

{% for table_name in raw_table_names() %}
    {{ table_name }}_rejected as (

        select
            '{{ table_name }}' as source_table,
            coalesce(row_key, '<null>') as row_key,
            rejection_reason as reason_code,
            reconciliation_amount
        from {{ ref('base_bank__' ~ table_name) }}
        where rejection_reason is not null

    ),

{% endfor -%}

final as (

    {% for table_name in raw_table_names() -%}
        select * from {{ table_name }}_rejected
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
