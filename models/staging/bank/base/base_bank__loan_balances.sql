{{
    config(
        materialized='batched',
        batch_column='validation_batch',
        batches_model='base_bank__loan_balances_batches',
        rows_model='base_bank__loan_balances_in_context',
    )
}}
{%- set content_columns = ['loan_id', 'balance_date', 'balance', 'five_level_class'] -%}
{#- 贷款日终余额校验 Every raw loan balance, checked (SPEC 6 and 8), one month batch at a time (DECISIONLOG H-014):
    the accepted balances summed per loan, month and five-level class (the monthly figures every later model
    reads; credit cost follows each day's class, so the class stays a key), and every rejected balance as a row
    of its own with its key and the first check it failed. Every raw row is counted exactly once in
    balance_rows. A balance dated before the loan starts is outside the loan's life (rejected); one after
    maturity is an overdue loan and is kept (DECISIONLOG D-008). -#}

-- the batches of a first build (materialization batched)
-- depends_on: {{ ref('base_bank__loan_balances_batches') }}

with

typed_balances as (

    select
        loan_id,
        balance_date
    from {{ ref('base_bank__loan_balances_typed') }}
    where {{ month_batch_filter('balance_date') }}

),

balances_in_context as {{ not_materialized() }} (

    select * from {{ ref('base_bank__loan_balances_in_context') }}
    where {{ month_batch_filter('balance_date') }}

),

data_quality_parameters as (

    select
        absurd_amount_cny,
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

loan_months_compared as (

    {#- Duplicates (SPEC 8): a loan whose rows in the month cover fewer distinct days than it has rows repeats a day;
        only its rows are compared, by key and content: copies of the same content are numbered, the copy whose raw
        values read exactly and whose class needed no repair first (DECISIONLOG D-016); different contents under one
        key all conflict. The rows without a loan or a date (NULL_KEY whatever else holds) go through the same
        windows, only to number identical ones apart. -#}

    select
        cast({{ dbt.date_trunc('month', 'balance_date') }} as date) as repeating_month,
        loan_id as repeating_loan_id,
        true as is_compared
    from typed_balances
    group by cast({{ dbt.date_trunc('month', 'balance_date') }} as date), loan_id
    having loan_id is null
        or cast({{ dbt.date_trunc('month', 'balance_date') }} as date) is null
        or count(*) > bit_count(bit_or({{ day_of_month_bit('balance_date') }}))

),

repeated_days_marked as (

    select
        balances_in_context.*,
        {{ key_copy_number(['loan_id', 'balance_date'], content_columns, ['is_uncastable', 'is_code_repaired']) }}
            as key_copy_number,
        {{ has_key_conflict(['loan_id', 'balance_date'], content_columns) }} as has_key_conflict
    from balances_in_context
    inner join loan_months_compared
        on balances_in_context.balance_month is not distinct from loan_months_compared.repeating_month
            and balances_in_context.loan_id is not distinct from loan_months_compared.repeating_loan_id

),

other_balances as (

    select
        balances_in_context.*,
        1 as key_copy_number,
        false as has_key_conflict
    from balances_in_context
    left join loan_months_compared
        on balances_in_context.balance_month is not distinct from loan_months_compared.repeating_month
            and balances_in_context.loan_id is not distinct from loan_months_compared.repeating_loan_id
    where loan_months_compared.is_compared is null

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
            when duplicates_marked.loan_id is null or duplicates_marked.balance_date is null then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when not duplicates_marked.is_loan_known then 'ORPHAN_LOAN'
            when not duplicates_marked.is_loan_accepted then 'PARENT_REJECTED'
            when duplicates_marked.balance_date < data_quality_parameters.earliest_valid_date
                or duplicates_marked.balance_date > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when duplicates_marked.balance_date < duplicates_marked.start_date then 'OUTSIDE_LOAN_LIFE'
            when not duplicates_marked.is_five_level_class_known then 'UNKNOWN_FIVE_LEVEL_CLASS'
            when duplicates_marked.balance is null or duplicates_marked.balance < 0 then 'NEGATIVE_AMOUNT'
            when {{ is_fx_missing('duplicates_marked.currency', fx_alias='duplicates_marked') }} then 'MISSING_FX'
            when duplicates_marked.balance_cny > data_quality_parameters.absurd_amount_cny then 'ABSURD_AMOUNT'
        end as rejection_reason
    from duplicates_marked
    cross join data_quality_parameters

),

balances_grouped as (

    {#- One row per month, loan and five-level class for the accepted balances; one per raw row for a rejected
        balance (its key, date, amount and copy number keep it apart). -#}
    select
        balance_month,
        loan_id,
        five_level_class,
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
        sum(case when is_code_repaired then 1 else 0 end) as code_repaired_rows,
        sum(row_fingerprint) as input_fingerprint
    from checked
    group by all

),

final as (

    select
        {{ month_batch('balance_month') }} as validation_batch,
        loan_id,
        five_level_class,
        balance_date,
        balance,
        rejection_reason,
        loan_id || '|' || cast(balance_date as {{ dbt.type_string() }}) as row_key,
        balance_rows,
        reconciliation_amount,
        balance_days_cny,
        positive_balance_days,
        first_balance_date,
        last_balance_date,
        day_of_month_bits,
        code_repaired_rows,
        {{ batch_fingerprint('sum(input_fingerprint) over (partition by balance_month)') }} as batch_fingerprint
    from balances_grouped

)

select * from final
