{#- 存款内部转移净收入 Deposit interest expense, FTP credit and FTP net income per customer and month of the window
    (SPEC 4.5): balance-days * (ftp_rate - interest_rate) / 360. TIME deposits use the rate fixed at opening;
    DEMAND / NOTICE / AGREEMENT deposits use the curve in force on each day (the monthly aggregate is grouped by
    that curve) at the behavioural term, matched to the smallest curve term >= it (the longest if none). -#}

with

deposit_months as (

    select
        customer_id,
        account_id,
        balance_month,
        ftp_curve_date,
        balance_days_cny
    from {{ ref('int_deposit_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'

),

accounts as (

    select
        account_id,
        interest_rate,
        ftp_pricing_basis,
        ftp_pricing_term_months,
        ftp_rate
    from {{ ref('int_deposit_accounts_matched_to_ftp_rates') }}

),

curve_terms as (

    select * from {{ ref('int_ftp_curve_terms_bracketed') }}

),

day_count as (

    select accrual_day_count_basis as day_count_basis
    from {{ ref('int_policy_parameters_at_head_office') }}

),

months_priced as (

    select
        deposit_months.customer_id,
        deposit_months.balance_month,
        deposit_months.balance_days_cny,
        accounts.interest_rate,
        case
            when accounts.ftp_pricing_basis = 'ORIGINATION' then accounts.ftp_rate
            else curve_terms.ftp_rate
        end as ftp_rate
    from deposit_months
    inner join accounts on deposit_months.account_id = accounts.account_id
    left join curve_terms
        on accounts.ftp_pricing_basis = 'BEHAVIOURAL'
            and deposit_months.ftp_curve_date = curve_terms.curve_date
            and accounts.ftp_pricing_term_months > curve_terms.previous_term_months
            and (accounts.ftp_pricing_term_months <= curve_terms.term_months or curve_terms.is_longest_term)

),

rate_days as (

    select
        customer_id,
        balance_month,
        sum(balance_days_cny) as deposit_balance_days_cny,
        sum(cast(balance_days_cny * interest_rate as decimal(38, 10))) as interest_rate_days_cny,
        sum(cast(balance_days_cny * ftp_rate as decimal(38, 10))) as ftp_rate_days_cny
    from months_priced
    group by customer_id, balance_month

),

accrued as (

    select
        rate_days.customer_id,
        rate_days.balance_month,
        rate_days.deposit_balance_days_cny,
        cast(rate_days.interest_rate_days_cny / day_count.day_count_basis as decimal(38, 10))
            as deposit_interest_expense,
        cast(rate_days.ftp_rate_days_cny / day_count.day_count_basis as decimal(38, 10)) as deposit_ftp_credit
    from rate_days
    cross join day_count

),

final as (

    select
        customer_id,
        balance_month,
        deposit_balance_days_cny,
        deposit_interest_expense,
        deposit_ftp_credit,
        deposit_ftp_credit - deposit_interest_expense as deposit_ftp_net_income
    from accrued

)

select * from final
