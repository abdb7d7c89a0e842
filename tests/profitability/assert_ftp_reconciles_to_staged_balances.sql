{#- FTP 对账 Reconciliation: total loan FTP charges and deposit FTP credits of the window, computed
    straight from the accepted balances of staging and each day's rate (the loan's or time deposit's matched rate;
    for demand-like deposits the curve in force that day) - independently of the window models - must equal the
    totals of the intermediate customer-month models within 0.01 CNY, and the published customer_profitability
    totals within half a cent per customer. The window is taken here from the calendar: its whole months from the
    monthly figures (stg_bank__*_balances_by_month, per loan, and per account and curve in force), the days of the
    months its bounds cut from the daily rows of those days (read only for the months that
    int_calendar_months_matched_to_windows lists as cut; DECISIONLOG H-014). Balance-days are summed per loan,
    and per account and curve, before the (then constant) rate is applied (DECISIONLOG H-009). -#}

with

evaluation_window as (

    select
        window_start_exclusive,
        as_of_date
    from {{ ref('int_evaluation_window') }}

),

window_days as (

    select
        calendar.date_day,
        cast({{ dbt.date_trunc('month', 'calendar.date_day') }} as date) as balance_month
    from {{ ref('base_bank__calendar') }} as calendar
    cross join evaluation_window
    where calendar.date_day > evaluation_window.window_start_exclusive
        and calendar.date_day <= evaluation_window.as_of_date

),

whole_months as (

    select balance_month
    from window_days
    group by balance_month
    having count(*) = {{ dbt.datediff('balance_month', dbt.dateadd('month', 1, 'balance_month'), 'day') }}

),

cut_days as (

    select window_days.date_day
    from window_days
    left join whole_months on window_days.balance_month = whole_months.balance_month
    where whole_months.balance_month is null

),

loan_balance_months as (

    select
        loan_id,
        balance_month,
        balance_days_cny
    from {{ ref('stg_bank__loan_balances_by_month') }}

),

deposit_balance_months as (

    select
        account_id,
        balance_month,
        ftp_curve_date,
        balance_days_cny
    from {{ ref('stg_bank__deposit_balances_by_month') }}

),

loan_balances as (

    select
        loan_id,
        balance_date,
        balance_cny
    from {{ ref('stg_bank__loan_balances') }}
    where {{ in_date_ranges(
        'balance_date', ref('int_calendar_months_matched_to_windows'),
        'first_date_in_windows', 'last_date_in_windows', "month_source = 'DAILY_ROWS'") }}

),

deposit_balances as (

    select
        account_id,
        balance_date,
        balance_cny
    from {{ ref('stg_bank__deposit_balances') }}
    where {{ in_date_ranges(
        'balance_date', ref('int_calendar_months_matched_to_windows'),
        'first_date_in_windows', 'last_date_in_windows', "month_source = 'DAILY_ROWS'") }}

),

loans as (

    select
        loan_id,
        is_on_balance,
        ftp_rate
    from {{ ref('int_loans_matched_to_ftp_rates') }}

),

accounts as (

    select
        account_id,
        ftp_pricing_basis,
        ftp_pricing_term_months,
        ftp_rate
    from {{ ref('int_deposit_accounts_matched_to_ftp_rates') }}

),

curves_by_day as (

    select
        date_day,
        curve_date
    from {{ ref('base_bank__ftp_curve_daily') }}

),

curve_terms as (

    select * from {{ ref('int_ftp_curve_terms_bracketed') }}

),

loan_months as (

    select loan_ftp_charge from {{ ref('int_loan_ftp_income_aggregated_to_customer_months') }}

),

deposit_months as (

    select deposit_ftp_credit from {{ ref('int_deposit_ftp_income_aggregated_to_customer_months') }}

),

profitability as (

    select
        loan_ftp_charge,
        deposit_ftp_credit
    from {{ ref('customer_profitability') }}

),

day_count as (

    select accrual_day_count_basis as day_count_basis
    from {{ ref('int_policy_parameters_at_head_office') }}

),

loan_balance_days as (

    {#- A loan's FTP rate is fixed, so its balance-days are summed before the rate is applied (the product of
        each day's balance and rate, summed, is the same amount; one multiplication per loan, not per day). -#}
    select
        loan_id,
        sum(balance_days_cny) as balance_days_cny
    from (
        select
            loan_balance_months.loan_id,
            loan_balance_months.balance_days_cny
        from loan_balance_months
        inner join whole_months on loan_balance_months.balance_month = whole_months.balance_month
        union all
        select
            loan_balances.loan_id,
            loan_balances.balance_cny
        from loan_balances
        inner join cut_days on loan_balances.balance_date = cut_days.date_day
    ) as window_balances
    group by loan_id

),

loan_rate_days as (

    select sum(cast(loan_balance_days.balance_days_cny * loans.ftp_rate as decimal(38, 10))) as rate_days
    from loan_balance_days
    inner join loans on loan_balance_days.loan_id = loans.loan_id
    where loans.is_on_balance

),

behavioural_terms as (

    select distinct ftp_pricing_term_months
    from accounts
    where ftp_pricing_basis = 'BEHAVIOURAL'

),

behavioural_rates_by_curve as (

    {#- The rate of each behavioural term under each curve: the smallest curve term >= the behavioural term (the
        longest if none). Small: curves x distinct terms. -#}
    select
        curve_terms.curve_date,
        behavioural_terms.ftp_pricing_term_months,
        curve_terms.ftp_rate
    from curve_terms
    inner join behavioural_terms
        on curve_terms.previous_term_months < behavioural_terms.ftp_pricing_term_months
            and (curve_terms.term_months >= behavioural_terms.ftp_pricing_term_months or curve_terms.is_longest_term)

),

deposit_balance_days as (

    {#- Balance-days per account and curve in force: every day under one curve has the same rate, so the rate is
        applied once per account and curve. -#}
    select
        account_id,
        curve_date,
        sum(balance_days_cny) as balance_days_cny
    from (
        select
            deposit_balance_months.account_id,
            deposit_balance_months.ftp_curve_date as curve_date,
            deposit_balance_months.balance_days_cny
        from deposit_balance_months
        inner join whole_months on deposit_balance_months.balance_month = whole_months.balance_month
        union all
        select
            deposit_balances.account_id,
            curves_by_day.curve_date,
            deposit_balances.balance_cny
        from deposit_balances
        inner join cut_days on deposit_balances.balance_date = cut_days.date_day
        left join curves_by_day on deposit_balances.balance_date = curves_by_day.date_day
    ) as window_balances
    group by account_id, curve_date

),

deposit_rate_days as (

    select
        sum(
            cast(
                deposit_balance_days.balance_days_cny
                * case
                    when accounts.ftp_pricing_basis = 'ORIGINATION' then accounts.ftp_rate
                    else behavioural_rates_by_curve.ftp_rate
                end
                as decimal(38, 10)
            )
        ) as rate_days
    from deposit_balance_days
    inner join accounts on deposit_balance_days.account_id = accounts.account_id
    left join behavioural_rates_by_curve
        on deposit_balance_days.curve_date = behavioural_rates_by_curve.curve_date
            and accounts.ftp_pricing_term_months = behavioural_rates_by_curve.ftp_pricing_term_months
            and accounts.ftp_pricing_basis = 'BEHAVIOURAL'

),

totals as (

    select
        coalesce((select rate_days from loan_rate_days), 0) / day_count.day_count_basis as direct_loan_ftp_charge,
        coalesce((select rate_days from deposit_rate_days), 0) / day_count.day_count_basis
            as direct_deposit_ftp_credit,
        (select coalesce(sum(loan_ftp_charge), 0) from loan_months) as aggregated_loan_ftp_charge,
        (select coalesce(sum(deposit_ftp_credit), 0) from deposit_months) as aggregated_deposit_ftp_credit,
        (select coalesce(sum(loan_ftp_charge), 0) from profitability) as published_loan_ftp_charge,
        (select coalesce(sum(deposit_ftp_credit), 0) from profitability) as published_deposit_ftp_credit,
        (select count(*) from profitability) as published_customers
    from day_count

)

select *
from totals
where abs(direct_loan_ftp_charge - aggregated_loan_ftp_charge) > 0.01
    or abs(direct_deposit_ftp_credit - aggregated_deposit_ftp_credit) > 0.01
    or abs(direct_loan_ftp_charge - published_loan_ftp_charge) > 0.01 + 0.005 * published_customers
    or abs(direct_deposit_ftp_credit - published_deposit_ftp_credit) > 0.01 + 0.005 * published_customers
