{%- set content_columns = ['account_id', 'activity_month', 'txn_count', 'txn_amount_cny'] -%}

with

source as (

    select * from {{ source('bank', 'account_activity') }}

),

accounts as (

    {{ parent_keys('base_bank__deposit_accounts', 'account_id') }}

),

typed as (

    select
        trim(cast(account_id as {{ dbt.type_string() }})) as account_id,
        {{ dbt.safe_cast('activity_month', 'date') }} as activity_month,
        {{ dbt.safe_cast('txn_count', 'integer') }} as txn_count,
        {{ dbt.safe_cast('txn_amount_cny', 'decimal(18, 2)') }} as txn_amount_cny,
        txn_count is not null and {{ dbt.safe_cast('txn_count', 'integer') }} is null
        or {{ is_inexact_amount('txn_amount_cny') }}
        or activity_month is not null and {{ dbt.safe_cast('activity_month', 'date') }} is null as is_uncastable
    from source

),

{{ mark_duplicates(
    'typed', ['account_id', 'activity_month'], content_columns,
    flag_columns=['is_uncastable'],
) }},

final as (

    select
        duplicates_marked.account_id,
        duplicates_marked.activity_month,
        duplicates_marked.txn_count,
        duplicates_marked.txn_amount_cny,
        duplicates_marked.account_id || '|' || cast(duplicates_marked.activity_month as {{ dbt.type_string() }})
            as row_key,
        cast(duplicates_marked.txn_amount_cny as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['duplicates_marked.account_id is null or duplicates_marked.activity_month is null', 'NULL_KEY'],
            ['duplicates_marked._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['duplicates_marked.is_uncastable', 'INVALID_VALUE'],
            ['accounts.account_id is null', 'ORPHAN_ACCOUNT'],
            ['not accounts.is_parent_accepted', 'PARENT_REJECTED'],
            ['duplicates_marked.activity_month < '
                ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
                ~ ' or duplicates_marked.activity_month > '
                ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
                'DATE_OUT_OF_RANGE'],
            ['duplicates_marked.activity_month <> ' ~ dbt.date_trunc('month', 'duplicates_marked.activity_month'),
                'INVALID_MONTH'],
            ['duplicates_marked.txn_count is null or duplicates_marked.txn_count < 0'
                ~ ' or duplicates_marked.txn_amount_cny < 0', 'NEGATIVE_AMOUNT'],
            ['duplicates_marked.txn_amount_cny > ' ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
        ]) }} as rejection_reason
    from duplicates_marked
    left join accounts on duplicates_marked.account_id = accounts.account_id

)

select * from final
