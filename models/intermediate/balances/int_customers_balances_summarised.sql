{#- 存量客户与贷款状态 One row per accepted customer: whether it is an existing customer in the window
    (SPEC 8: a deposit account open on at least one day of the window, or any accepted deposit or loan balance
    > 0 dated in it), its loan status on the as-of date (有贷户 when the on-balance loan balance in CNY is > 0;
    off-balance counts only when the switch include_off_balance_credit is 1), and its average daily balances
    (日均 = balance-days / calendar days of the window) for the current and previous windows. -#}

with

customers as (

    select customer_id from {{ ref('stg_bank__customers') }}

),

deposit_accounts as (

    select
        customer_id,
        open_date,
        close_date
    from {{ ref('stg_bank__deposit_accounts') }}

),

deposit_months as (

    select * from {{ ref('int_deposit_balances_aggregated_to_months') }}

),

loan_months as (

    select * from {{ ref('int_loan_balances_aggregated_to_months') }}

),

loans as (

    select
        loan_id,
        product_code
    from {{ ref('stg_bank__loans') }}

),

loan_products as (

    select
        product_code,
        balance_sheet
    from {{ ref('product_families') }}
    where product_kind = 'LOAN'

),

loans_as_of as (

    select * from {{ ref('int_loan_balances_as_of') }}

),

evaluation_window as (

    select * from {{ ref('int_evaluation_window') }}

),

off_balance_switch as (

    select include_off_balance_credit = 1 as includes_off_balance
    from {{ ref('int_policy_parameters_at_head_office') }}

),

accounts_open_in_window as (

    select distinct deposit_accounts.customer_id
    from deposit_accounts
    cross join evaluation_window
    where deposit_accounts.open_date <= evaluation_window.as_of_date
        and (
            deposit_accounts.close_date is null
            or deposit_accounts.close_date > evaluation_window.window_first_date
        )

),

deposit_totals as (

    select
        customer_id,
        sum(case when window_period = 'CURRENT' then balance_days_cny else 0 end) as deposit_balance_days_cny,
        sum(case when window_period = 'PREVIOUS' then balance_days_cny else 0 end)
            as previous_deposit_balance_days_cny,
        sum(case when window_period = 'CURRENT' then positive_balance_days else 0 end) as deposit_positive_days
    from deposit_months
    group by customer_id

),

loan_months_by_balance_sheet as (

    select
        loan_months.customer_id,
        loan_months.window_period,
        loan_months.balance_days_cny,
        loan_months.positive_balance_days,
        loan_products.balance_sheet
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    inner join loan_products on loans.product_code = loan_products.product_code

),

loan_totals as (

    select
        customer_id,
        sum(case when window_period = 'CURRENT' and balance_sheet = 'ON' then balance_days_cny else 0 end)
            as on_balance_loan_days_cny,
        sum(case when window_period = 'PREVIOUS' and balance_sheet = 'ON' then balance_days_cny else 0 end)
            as previous_on_balance_loan_days_cny,
        sum(case when window_period = 'CURRENT' and balance_sheet = 'OFF' then balance_days_cny else 0 end)
            as off_balance_loan_days_cny,
        sum(case when window_period = 'CURRENT' then positive_balance_days else 0 end) as loan_positive_days
    from loan_months_by_balance_sheet
    group by customer_id

),

loan_status_totals as (

    select
        customer_id,
        sum(case when is_on_balance then balance_cny else 0 end) as on_balance_loan_cny_as_of,
        sum(case when not is_on_balance then balance_cny else 0 end) as off_balance_loan_cny_as_of
    from loans_as_of
    group by customer_id

),

final as (

    select
        customers.customer_id,
        accounts_open_in_window.customer_id is not null
        or coalesce(deposit_totals.deposit_positive_days, 0) > 0
        or coalesce(loan_totals.loan_positive_days, 0) > 0 as is_existing,
        nullif(concat_ws(
            ';',
            case when accounts_open_in_window.customer_id is not null then 'OPEN_ACCOUNT_IN_WINDOW' end,
            case when deposit_totals.deposit_positive_days > 0 then 'DEPOSIT_BALANCE_IN_WINDOW' end,
            case when loan_totals.loan_positive_days > 0 then 'LOAN_BALANCE_IN_WINDOW' end
        ), '') as existence_basis,
        cast(coalesce(loan_status_totals.on_balance_loan_cny_as_of, 0) as decimal(38, 10))
            as on_balance_loan_cny_as_of,
        cast(coalesce(loan_status_totals.off_balance_loan_cny_as_of, 0) as decimal(38, 10))
            as off_balance_loan_cny_as_of,
        case
            when coalesce(loan_status_totals.on_balance_loan_cny_as_of, 0) > 0 then 'WITH_LOAN'
            when off_balance_switch.includes_off_balance
                and coalesce(loan_status_totals.off_balance_loan_cny_as_of, 0) > 0 then 'WITH_LOAN'
            else 'NO_LOAN'
        end as loan_status,
        cast(
            coalesce(deposit_totals.deposit_balance_days_cny, 0) / evaluation_window.window_days
            as decimal(38, 10)
        ) as avg_daily_deposit_cny,
        cast(
            coalesce(loan_totals.on_balance_loan_days_cny, 0) / evaluation_window.window_days
            as decimal(38, 10)
        ) as avg_daily_loan_cny,
        cast(
            coalesce(loan_totals.off_balance_loan_days_cny, 0) / evaluation_window.window_days
            as decimal(38, 10)
        ) as avg_daily_off_balance_cny,
        cast(
            coalesce(deposit_totals.previous_deposit_balance_days_cny, 0) / evaluation_window.previous_window_days
            as decimal(38, 10)
        ) as previous_avg_daily_deposit_cny,
        cast(
            coalesce(loan_totals.previous_on_balance_loan_days_cny, 0) / evaluation_window.previous_window_days
            as decimal(38, 10)
        ) as previous_avg_daily_loan_cny
    from customers
    cross join evaluation_window
    cross join off_balance_switch
    left join accounts_open_in_window on customers.customer_id = accounts_open_in_window.customer_id
    left join deposit_totals on customers.customer_id = deposit_totals.customer_id
    left join loan_totals on customers.customer_id = loan_totals.customer_id
    left join loan_status_totals on customers.customer_id = loan_status_totals.customer_id

)

select * from final
