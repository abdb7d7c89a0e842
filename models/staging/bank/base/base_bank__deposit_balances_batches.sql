{#- 存款余额批次 One row per month batch of the raw deposit_balances (calendar month of balance_date, or UNDATED): its raw
    rows and raw amount (base_bank__deposit_balances_typed: only the date and amount columns are read). The months
    base_bank__deposit_balances writes on a first build, and the raw side of the source reconciliation
    (stg_bank__raw_table_profiles, assert_balance_batches_reconcile_to_raw) (DECISIONLOG H-014). -#}

with

raw_days as (

    {#- Grouped by day first (a few hundred groups), then by month: the month of each row is not computed. -#}
    select
        balance_date,
        count(*) as raw_rows,
        sum(cast(balance as decimal(38, 10))) as raw_amount
    from {{ ref('base_bank__deposit_balances_typed') }}
    group by balance_date

),

raw_day_months as (

    select
        cast({{ dbt.date_trunc('month', 'balance_date') }} as date) as balance_month,
        raw_rows,
        raw_amount
    from raw_days

),

final as (

    select
        {{ month_batch('balance_month') }} as validation_batch,
        sum(raw_rows) as raw_rows,
        sum(raw_amount) as raw_amount
    from raw_day_months
    group by {{ month_batch('balance_month') }}

)

select * from final
