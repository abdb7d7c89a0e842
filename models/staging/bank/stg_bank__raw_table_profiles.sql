{#- 源数据概况 Row count and amount total of every raw table, read straight from the raw files (SPEC 6
    "Nothing lost"). The raw side of `source_reconciliation`: the amount is the table's reconciliation amount
    column cast exactly as its base model casts it (a value that does not cast counts 0 here and in the base
    model), so raw = accepted + rejected holds to the last decimal unless a row is lost or duplicated on the
    way. Sources may only be read in staging; only the amount column is read (Parquet column pruning). -#}
{%- set raw_tables = [
    ['customers', 'annual_sales_cny', 'decimal(18, 2)'],
    ['customer_tags', none, none],
    ['strategic_list', none, none],
    ['loans', 'principal_amount', 'decimal(18, 2)'],
    ['loan_balances', 'balance', 'decimal(18, 2)'],
    ['deposit_accounts', none, none],
    ['deposit_balances', 'balance', 'decimal(18, 2)'],
    ['account_activity', 'txn_amount_cny', 'decimal(18, 2)'],
    ['fees', 'income_amount', 'decimal(18, 2)'],
    ['cost_pools', 'amount_cny', 'decimal(18, 2)'],
    ['ftp_curve', 'ftp_rate', 'decimal(9, 6)'],
    ['fx_rates', 'cny_per_unit', 'decimal(18, 8)'],
    ['prospects', 'annual_sales_cny', 'decimal(18, 2)'],
] -%}

with

{% for table_name, amount_column, amount_type in raw_tables %}
    {{ table_name }}_profile as (

        select
            '{{ table_name }}' as source_table,
            {% if amount_column -%}
                '{{ amount_column }}' as amount_column,
            {%- else -%}
                cast(null as {{ dbt.type_string() }}) as amount_column,
            {%- endif %}
            count(*) as raw_rows,
            {% if amount_column -%}
                sum(cast({{ dbt.safe_cast(amount_column, amount_type) }} as decimal(38, 10))) as raw_amount
            {%- else -%}
                cast(null as decimal(38, 10)) as raw_amount
            {%- endif %}
        from {{ source('bank', table_name) }}

    ),

{% endfor -%}

profiles_unioned as (

    {% for table_name, amount_column, amount_type in raw_tables -%}
        select * from {{ table_name }}_profile
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from profiles_unioned

)

select * from final
