{#- 贷款内部转移净收入 Loan interest income, FTP charge and FTP net income per customer and month of the window
    (SPEC 4.5): sum over days of balance_cny * rate / 360 (ACT/360) = balance-days * rate / 360, read from the
    monthly balance aggregates. On-balance loans only: off-balance credit is not funded and carries no FTP
    (DECISIONLOG P-004). -#}

with

loan_months as (

    select
        customer_id,
        loan_id,
        balance_month,
        balance_days_cny
    from {{ ref('int_loan_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'

),

loans as (

    select
        loan_id,
        is_on_balance,
        interest_rate,
        ftp_rate
    from {{ ref('int_loans_matched_to_ftp_rates') }}

),

day_count as (

    select accrual_day_count_basis as day_count_basis
    from {{ ref('int_policy_parameters_at_head_office') }}

),

rate_days as (

    select
        loan_months.customer_id,
        loan_months.balance_month,
        sum(loan_months.balance_days_cny) as loan_balance_days_cny,
        sum(cast(loan_months.balance_days_cny * loans.interest_rate as decimal(38, 10))) as interest_rate_days_cny,
        sum(cast(loan_months.balance_days_cny * loans.ftp_rate as decimal(38, 10))) as ftp_rate_days_cny
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    where loans.is_on_balance
    group by loan_months.customer_id, loan_months.balance_month

),

accrued as (

    select
        rate_days.customer_id,
        rate_days.balance_month,
        rate_days.loan_balance_days_cny,
        cast(rate_days.interest_rate_days_cny / day_count.day_count_basis as decimal(38, 10))
            as loan_interest_income,
        cast(rate_days.ftp_rate_days_cny / day_count.day_count_basis as decimal(38, 10)) as loan_ftp_charge
    from rate_days
    cross join day_count

),

final as (

    select
        customer_id,
        balance_month,
        loan_balance_days_cny,
        loan_interest_income,
        loan_ftp_charge,
        loan_interest_income - loan_ftp_charge as loan_ftp_net_income
    from accrued

)

select * from final
