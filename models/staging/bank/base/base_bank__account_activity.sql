{%- set content_columns = ['account_id', 'activity_month', 'txn_count', 'txn_amount_cny'] -%}

with

source as (

    select * from {{ source('bank', 'account_activity') }}

),

data_quality_parameters as (

    select
        absurd_amount_cny,
        absurd_txn_count,
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

accounts as (

    {#- The keys of base_bank__deposit_accounts, whether any raw row of each was accepted and the accepted row's
        life: a row whose key is absent here is an orphan, one whose parent rows were all rejected is
        PARENT_REJECTED, a month with no day in open_date <= d < close_date is OUTSIDE_ACCOUNT_LIFE. -#}
    select
        account_id,
        max(case when rejection_reason is null then 1 else 0 end) = 1 as is_parent_accepted,
        max(case when rejection_reason is null then open_date end) as open_date,
        max(case when rejection_reason is null then close_date end) as close_date
    from {{ ref('base_bank__deposit_accounts') }}
    where account_id is not null
    group by account_id

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

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select
        account_id as repeated_account_id,
        activity_month as repeated_activity_month
    from typed
    group by account_id, activity_month
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys
        on typed.account_id = repeated_keys.repeated_account_id
            and typed.activity_month = repeated_keys.repeated_activity_month
    where repeated_keys.repeated_account_id is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['account_id', 'activity_month'], content_columns, ['is_uncastable']) }} as key_copy_number,
        {{ has_key_conflict(['account_id', 'activity_month'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys
        on typed.account_id = repeated_keys.repeated_account_id
            and typed.activity_month = repeated_keys.repeated_activity_month

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

final as (

    select
        duplicates_marked.account_id,
        duplicates_marked.activity_month,
        duplicates_marked.txn_count,
        duplicates_marked.txn_amount_cny,
        duplicates_marked.account_id || '|' || cast(duplicates_marked.activity_month as {{ dbt.type_string() }})
            as row_key,
        cast(duplicates_marked.txn_amount_cny as decimal(38, 10)) as reconciliation_amount,
        case
            when duplicates_marked.account_id is null
                or duplicates_marked.activity_month is null
                then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when accounts.account_id is null then 'ORPHAN_ACCOUNT'
            when not accounts.is_parent_accepted then 'PARENT_REJECTED'
            when duplicates_marked.activity_month < data_quality_parameters.earliest_valid_date
                or duplicates_marked.activity_month > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when duplicates_marked.activity_month <> {{ dbt.date_trunc('month', 'duplicates_marked.activity_month') }}
                then 'INVALID_MONTH'
            when duplicates_marked.activity_month < {{ dbt.date_trunc('month', 'accounts.open_date') }}
                or duplicates_marked.activity_month >= accounts.close_date
                then 'OUTSIDE_ACCOUNT_LIFE'
            when duplicates_marked.txn_count is null then 'MISSING_AMOUNT'
            when duplicates_marked.txn_count < 0 or duplicates_marked.txn_amount_cny < 0 then 'NEGATIVE_AMOUNT'
            when duplicates_marked.txn_amount_cny > data_quality_parameters.absurd_amount_cny
                or duplicates_marked.txn_count > data_quality_parameters.absurd_txn_count
                then 'ABSURD_AMOUNT'
        end as rejection_reason
    from duplicates_marked
    cross join data_quality_parameters
    left join accounts on duplicates_marked.account_id = accounts.account_id

)

select * from final
