{{
    config(
        materialized='batched',
        batch_column='validation_batch',
        batches_model='base_bank__deposit_balances_batches',
        rows_model='base_bank__deposit_balances_in_context',
    )
}}
{%- set content_columns = ['account_id', 'balance_date', 'balance'] -%}
{#- 存款日终余额校验 Every raw deposit balance, checked (SPEC 6 and 8), one month batch at a time (DECISIONLOG H-014):
    the accepted balances summed per account, month and FTP curve in force (the monthly figures every later model
    reads; demand-like deposits earn FTP on each day's curve, so the curve stays a key), and every rejected balance
    as a row of its own with its key and the first check it failed. Every raw row is counted exactly once in
    balance_rows. A balance on a day the account is not open (open_date <= d < close_date) is rejected;
    demand-like balances dated before the first FTP curve have no FTP rate (MISSING_FTP). -#}

-- the batches of a first build (materialization batched)
-- depends_on: {{ ref('base_bank__deposit_balances_batches') }}

with

typed_balances as (

    select
        account_id,
        balance_date
    from {{ ref('base_bank__deposit_balances_typed') }}
    where {{ month_batch_filter('balance_date') }}

),

balances_in_context as {{ not_materialized() }} (

    select * from {{ ref('base_bank__deposit_balances_in_context') }}
    where {{ month_batch_filter('balance_date') }}

),

data_quality_parameters as (

    select
        absurd_amount_cny,
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

account_months_compared as (

    {#- Duplicates (SPEC 8): an account whose rows in the month cover fewer distinct days than it has rows repeats a
        day; only its rows are compared, by key and content: copies of the same content are numbered, the copy whose
        raw values read exactly first (DECISIONLOG D-016); different contents under one key all conflict. The rows
        without an account or a date (NULL_KEY whatever else holds) go through the same windows, only to number
        identical ones apart. -#}

    select
        cast({{ dbt.date_trunc('month', 'balance_date') }} as date) as repeating_month,
        account_id as repeating_account_id,
        true as is_compared
    from typed_balances
    group by cast({{ dbt.date_trunc('month', 'balance_date') }} as date), account_id
    having account_id is null
        or cast({{ dbt.date_trunc('month', 'balance_date') }} as date) is null
        or count(*) > bit_count(bit_or({{ day_of_month_bit('balance_date') }}))

),

repeated_days_marked as (

    select
        balances_in_context.*,
        {{ key_copy_number(['account_id', 'balance_date'], content_columns, ['is_uncastable']) }} as key_copy_number,
        {{ has_key_conflict(['account_id', 'balance_date'], content_columns) }} as has_key_conflict
    from balances_in_context
    inner join account_months_compared
        on balances_in_context.balance_month is not distinct from account_months_compared.repeating_month
            and balances_in_context.account_id is not distinct from account_months_compared.repeating_account_id

),

other_balances as (

    select
        balances_in_context.*,
        1 as key_copy_number,
        false as has_key_conflict
    from balances_in_context
    left join account_months_compared
        on balances_in_context.balance_month is not distinct from account_months_compared.repeating_month
            and balances_in_context.account_id is not distinct from account_months_compared.repeating_account_id
    where account_months_compared.is_compared is null

),

duplicates_marked as (

    select * from other_balances
    union all
    select * from repeated_days_marked

),

checked as (

    select
        duplicates_marked.*,
        case
            when duplicates_marked.account_id is null or duplicates_marked.balance_date is null then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when not duplicates_marked.is_account_known then 'ORPHAN_ACCOUNT'
            when not duplicates_marked.is_account_accepted then 'PARENT_REJECTED'
            when duplicates_marked.balance_date < data_quality_parameters.earliest_valid_date
                or duplicates_marked.balance_date > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when duplicates_marked.balance_date < duplicates_marked.open_date
                or duplicates_marked.balance_date >= duplicates_marked.close_date
                then 'OUTSIDE_ACCOUNT_LIFE'
            when duplicates_marked.balance is null or duplicates_marked.balance < 0 then 'NEGATIVE_AMOUNT'
            when {{ is_fx_missing('duplicates_marked.currency', fx_alias='duplicates_marked') }} then 'MISSING_FX'
            when duplicates_marked.balance_cny > data_quality_parameters.absurd_amount_cny then 'ABSURD_AMOUNT'
            when duplicates_marked.product_code <> 'TIME' and duplicates_marked.ftp_curve_date is null
                then 'MISSING_FTP'
        end as rejection_reason
    from duplicates_marked
    cross join data_quality_parameters

),

balances_grouped as (

    {#- One row per month, account and FTP curve for the accepted balances; one per raw row for a rejected
        balance (its key, date, amount and copy number keep it apart). -#}
    select
        balance_month,
        account_id,
        case when rejection_reason is null then ftp_curve_date end as ftp_curve_date,
        case when rejection_reason is not null then balance_date end as balance_date,
        case when rejection_reason is not null then balance end as balance,
        rejection_reason,
        case when rejection_reason is not null then key_copy_number end as rejected_copy_number,
        count(*) as balance_rows,
        sum(cast(balance as decimal(38, 10))) as reconciliation_amount,
        sum(case when rejection_reason is null then balance_cny end) as balance_days_cny,
        sum(case when rejection_reason is null and balance > 0 then 1 else 0 end) as positive_balance_days,
        min(case when rejection_reason is null then balance_date end) as first_balance_date,
        max(case when rejection_reason is null then balance_date end) as last_balance_date,
        coalesce(
            bit_or(case when rejection_reason is null then {{ day_of_month_bit('balance_date') }} end), 0
        ) as day_of_month_bits,
        sum(row_fingerprint) as input_fingerprint
    from checked
    group by all

),

final as (

    select
        {{ month_batch('balance_month') }} as validation_batch,
        account_id,
        ftp_curve_date,
        balance_date,
        balance,
        rejection_reason,
        account_id || '|' || cast(balance_date as {{ dbt.type_string() }}) as row_key,
        balance_rows,
        reconciliation_amount,
        balance_days_cny,
        positive_balance_days,
        first_balance_date,
        last_balance_date,
        day_of_month_bits,
        {{ batch_fingerprint('sum(input_fingerprint) over (partition by balance_month)') }} as batch_fingerprint
    from balances_grouped

)

select * from final
