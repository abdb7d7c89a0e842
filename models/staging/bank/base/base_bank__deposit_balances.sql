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

balances_checked as {{ not_materialized() }} (

    {#- Every check but the duplicate ones, in precedence order: a key that repeats (DUPLICATE_KEY_CONFLICT,
        DUPLICATE) would come right after NULL_KEY (repeated_balances_checked). -#}
    select
        balances_in_context.*,
        case
            when balances_in_context.account_id is null or balances_in_context.balance_date is null then 'NULL_KEY'
            when balances_in_context.is_uncastable then 'INVALID_VALUE'
            when not balances_in_context.is_account_known then 'ORPHAN_ACCOUNT'
            when not balances_in_context.is_account_accepted then 'PARENT_REJECTED'
            when balances_in_context.balance_date < data_quality_parameters.earliest_valid_date
                or balances_in_context.balance_date > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when balances_in_context.balance_date < balances_in_context.open_date
                or balances_in_context.balance_date >= balances_in_context.close_date
                then 'OUTSIDE_ACCOUNT_LIFE'
            when balances_in_context.balance is null then 'MISSING_AMOUNT'
            when balances_in_context.balance < 0 then 'NEGATIVE_AMOUNT'
            when {{ is_fx_missing('balances_in_context.currency', fx_alias='balances_in_context') }} then 'MISSING_FX'
            when balances_in_context.balance_cny > data_quality_parameters.absurd_amount_cny then 'ABSURD_AMOUNT'
            when balances_in_context.product_code <> 'TIME' and balances_in_context.ftp_curve_date is null
                then 'MISSING_FTP'
        end as rejection_reason
    from balances_in_context
    cross join data_quality_parameters

),

balances_grouped_once as (

    {#- The month in one pass, as if no key repeated: one row per month, account and FTP curve for the accepted
        balances, one per rejected balance (its key, date and amount keep it apart). -#}
    select
        balance_month,
        account_id,
        case when rejection_reason is null then ftp_curve_date end as ftp_curve_date,
        case when rejection_reason is not null then balance_date end as balance_date,
        case when rejection_reason is not null then balance end as balance,
        rejection_reason,
        case when rejection_reason is not null then 1 end as rejected_copy_number,
        {{ daily_balance_figures() }}
    from balances_checked
    group by all

),

repeating_account_months as (

    {#- Duplicates (SPEC 8): an account whose rows in the month outnumber the days they cover repeats a day. The
        rows without an account or a date (NULL_KEY whatever else holds) are compared too, only to number identical
        ones apart. -#}
    select
        balance_month as repeating_month,
        account_id as repeating_account_id,
        true as is_repeating
    from balances_grouped_once
    group by balance_month, account_id
    having account_id is null
        or balance_month is null
        or sum(balance_rows) > bit_count(bit_or(key_day_bits))

),

repeated_days_marked as (

    {#- The rows of those accounts and months compared by key and content: copies of the same content are
        numbered, the copy whose raw values read exactly first (DECISIONLOG D-016); different contents under one
        key all conflict. -#}
    select
        balances_checked.*,
        {{ key_copy_number(['account_id', 'balance_date'], content_columns, ['is_uncastable']) }} as key_copy_number,
        {{ has_key_conflict(['account_id', 'balance_date'], content_columns) }} as has_key_conflict
    from balances_checked
    inner join repeating_account_months
        on balances_checked.balance_month is not distinct from repeating_account_months.repeating_month
            and balances_checked.account_id is not distinct from repeating_account_months.repeating_account_id

),

repeated_balances_checked as (

    select
        balance_month,
        account_id,
        ftp_curve_date,
        balance_date,
        balance,
        balance_cny,
        row_fingerprint,
        key_copy_number,
        case
            when rejection_reason = 'NULL_KEY' then 'NULL_KEY'
            when has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when key_copy_number > 1 then 'DUPLICATE'
            else rejection_reason
        end as rejection_reason
    from repeated_days_marked

),

repeated_balances_grouped as (

    select
        balance_month,
        account_id,
        case when rejection_reason is null then ftp_curve_date end as ftp_curve_date,
        case when rejection_reason is not null then balance_date end as balance_date,
        case when rejection_reason is not null then balance end as balance,
        rejection_reason,
        case when rejection_reason is not null then key_copy_number end as rejected_copy_number,
        {{ daily_balance_figures() }}
    from repeated_balances_checked
    group by all

),

balances_grouped as (

    select balances_grouped_once.*
    from balances_grouped_once
    left join repeating_account_months
        on balances_grouped_once.balance_month is not distinct from repeating_account_months.repeating_month
            and balances_grouped_once.account_id is not distinct from repeating_account_months.repeating_account_id
    where repeating_account_months.is_repeating is null
    union all
    select * from repeated_balances_grouped

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
