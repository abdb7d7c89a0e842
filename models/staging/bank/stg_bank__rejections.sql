{#- 隔离区 Quarantine: every raw row that staging did not pass on, with its table, key and reason code.
    Together with the accepted staging models it accounts for every raw row (raw = accepted + rejected). -#}

with

rejected_rows as (

    select
        'customers' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__customers') }}
    where rejection_reason is not null

    union all

    select
        'customer_tags' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__customer_tags') }}
    where rejection_reason is not null

    union all

    select
        'strategic_list' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__strategic_list') }}
    where rejection_reason is not null

    union all

    select
        'loans' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__loans') }}
    where rejection_reason is not null

    union all

    select
        'loan_balances' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__loan_balances') }}
    where rejection_reason is not null

    union all

    select
        'deposit_accounts' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__deposit_accounts') }}
    where rejection_reason is not null

    union all

    select
        'deposit_balances' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__deposit_balances') }}
    where rejection_reason is not null

    union all

    select
        'account_activity' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__account_activity') }}
    where rejection_reason is not null

    union all

    select
        'fees' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__fees') }}
    where rejection_reason is not null

    union all

    select
        'cost_pools' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__cost_pools') }}
    where rejection_reason is not null

    union all

    select
        'ftp_curve' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__ftp_curve') }}
    where rejection_reason is not null

    union all

    select
        'fx_rates' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__fx_rates') }}
    where rejection_reason is not null

    union all

    select
        'prospects' as source_table,
        coalesce(row_key, '<null>') as row_key,
        rejection_reason as reason_code,
        reconciliation_amount
    from {{ ref('base_bank__prospects') }}
    where rejection_reason is not null

),

final as (

    select * from rejected_rows

)

select * from final
