{#- 源数据核对 Fails for every raw table whose rows or amount do not reconcile exactly (SPEC 6 "Nothing lost"):
    raw rows = accepted + rejected, raw amount = accepted + rejected amount (full precision), and the accepted
    staging view passes on exactly the accepted rows; and for every raw table of the contract missing from the
    reconciliation. -#}

with

reconciliation as (

    select
        source_table,
        raw_rows,
        accepted_rows,
        rejected_rows,
        staged_rows,
        raw_amount,
        accepted_amount,
        rejected_amount
    from {{ ref('source_reconciliation') }}

),

contract_tables as (

    {% for table_name in ['customers', 'customer_tags', 'strategic_list', 'loans', 'loan_balances',
        'deposit_accounts', 'deposit_balances', 'account_activity', 'fees', 'cost_pools', 'ftp_curve',
        'fx_rates', 'prospects'] -%}
        select '{{ table_name }}' as source_table
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

unreconciled_tables as (

    select
        source_table,
        'RAW <> ACCEPTED + REJECTED' as failure
    from reconciliation
    where raw_rows <> accepted_rows + rejected_rows
        or raw_amount <> accepted_amount + rejected_amount
        or staged_rows <> accepted_rows

),

missing_tables as (

    select
        contract_tables.source_table,
        'TABLE NOT RECONCILED' as failure
    from contract_tables
    left join reconciliation on contract_tables.source_table = reconciliation.source_table
    where reconciliation.source_table is null

)

select * from unreconciled_tables
union all
select * from missing_tables
