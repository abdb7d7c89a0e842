{#- 中间业务净收入 Fee income, expense and net income in CNY per customer and month (SPEC 4.5): accepted fee items
    booked in the window (window_start_exclusive < fee_date <= as_of_date), VAT-exclusive amounts converted at
    the rate in force on fee_date. -#}

with

fees as (

    select
        customer_id,
        fee_date,
        income_amount_cny,
        expense_amount_cny
    from {{ ref('stg_bank__fees') }}

),

evaluation_window as (

    select
        window_start_exclusive,
        as_of_date
    from {{ ref('int_evaluation_window') }}

),

fees_in_window as (

    select
        fees.customer_id,
        cast({{ dbt.date_trunc('month', 'fees.fee_date') }} as date) as fee_month,
        fees.income_amount_cny,
        fees.expense_amount_cny
    from fees
    cross join evaluation_window
    where fees.fee_date > evaluation_window.window_start_exclusive
        and fees.fee_date <= evaluation_window.as_of_date

),

final as (

    select
        customer_id,
        fee_month,
        count(*) as fee_items,
        sum(income_amount_cny) as fee_income,
        sum(expense_amount_cny) as fee_expense,
        sum(income_amount_cny) - sum(expense_amount_cny) as fee_net_income
    from fees_in_window
    group by customer_id, fee_month

)

select * from final
