{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='balance_month',
        on_schema_change='fail',
    )
}}
{#- 存款余额自然月汇总 (增量) The incremental store of whole calendar months of accepted daily deposit balances, aggregated
    to (account, month, FTP curve in force on the day) (issue 6; DECISIONLOG H-003): grouping by the curve in
    force keeps the daily FTP of demand-like deposits (SPEC 4.5) exact from monthly rows. A build aggregates
    (macro calendar_months_to_aggregate) only the whole months of its two evaluation windows that the store does
    not hold, or holds with another row count or fingerprint than the month's daily rows and FTP curves in force
    now give (DECISIONLOG H-010): a restated balance, a balance moved between accounts or a restated curve date
    gets its month aggregated again, so the next month-end aggregates one month. delete+insert on balance_month
    (Spark, not built yet (H-013): insert_overwrite partitioned by balance_month). The window selection is applied
    downstream (int_deposit_balances_aggregated_to_months). -#}

with

deposit_balances as (

    select
        account_id,
        balance_date,
        balance,
        balance_cny
    from {{ ref('stg_bank__deposit_balances') }}

),

curves_by_day as (

    select
        date_day,
        curve_date
    from {{ ref('int_ftp_curves_in_force_by_day') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

{{ calendar_months_to_aggregate(
    ref('stg_bank__deposit_balances'),
    fingerprint_columns=['account_id', 'balance_date', 'balance', 'balance_cny'],
    day_context_relation=ref('int_ftp_curves_in_force_by_day'),
    day_context_columns=['curve_date'],
) }},

balances_to_aggregate as (

    select
        deposit_balances.account_id,
        months_to_aggregate.balance_month,
        curves_by_day.curve_date as ftp_curve_date,
        deposit_balances.balance,
        deposit_balances.balance_cny,
        months_to_aggregate.daily_rows_fingerprint
    from deposit_balances
    cross join date_range_to_aggregate
    inner join months_to_aggregate
        on cast({{ dbt.date_trunc('month', 'deposit_balances.balance_date') }} as date)
            = months_to_aggregate.balance_month
    left join curves_by_day on deposit_balances.balance_date = curves_by_day.date_day
    where deposit_balances.balance_date >= date_range_to_aggregate.first_date
        and deposit_balances.balance_date <= date_range_to_aggregate.last_date

),

final as (

    select
        balances_to_aggregate.account_id,
        balances_to_aggregate.balance_month,
        balances_to_aggregate.ftp_curve_date,
        sum(balances_to_aggregate.balance_cny) as balance_days_cny,
        count(*) as balance_days,
        sum(case when balances_to_aggregate.balance > 0 then 1 else 0 end) as positive_balance_days,
        balances_to_aggregate.daily_rows_fingerprint,
        evaluation_window.as_of_date as stored_by_as_of_date
    from balances_to_aggregate
    cross join evaluation_window
    group by
        balances_to_aggregate.account_id,
        balances_to_aggregate.balance_month,
        balances_to_aggregate.ftp_curve_date,
        balances_to_aggregate.daily_rows_fingerprint,
        evaluation_window.as_of_date

)

select * from final
