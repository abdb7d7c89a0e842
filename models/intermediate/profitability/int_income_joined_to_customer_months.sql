{#- 月度收入 The three income streams of the profit equation side by side per customer and month of the window
    (SPEC 4.5 and 8): on-balance loan interest and FTP charge, deposit interest and FTP credit, fee income and
    expense, one row per (customer_id, income_month) that has any of them (a missing stream is null), and the
    month's gross income (loan FTP net + deposit FTP net + fee net), the GROSS_INCOME cost driver. The profit
    equation and the VAT surcharge sum the months; cost allocation reads the gross income of each month. -#}

with

loan_income as (

    select
        customer_id,
        balance_month,
        loan_interest_income,
        loan_ftp_charge,
        loan_ftp_net_income
    from {{ ref('int_loan_ftp_income_aggregated_to_customer_months') }}

),

deposit_income as (

    select
        customer_id,
        balance_month,
        deposit_interest_expense,
        deposit_ftp_credit,
        deposit_ftp_net_income
    from {{ ref('int_deposit_ftp_income_aggregated_to_customer_months') }}

),

fee_income as (

    select
        customer_id,
        fee_month,
        fee_income,
        fee_expense,
        fee_net_income
    from {{ ref('int_fee_income_aggregated_to_customer_months') }}

),

balance_income_joined as (

    select
        coalesce(loan_income.customer_id, deposit_income.customer_id) as customer_id,
        coalesce(loan_income.balance_month, deposit_income.balance_month) as income_month,
        loan_income.loan_interest_income,
        loan_income.loan_ftp_charge,
        loan_income.loan_ftp_net_income,
        deposit_income.deposit_interest_expense,
        deposit_income.deposit_ftp_credit,
        deposit_income.deposit_ftp_net_income
    from loan_income
    full outer join deposit_income
        on loan_income.customer_id = deposit_income.customer_id
            and loan_income.balance_month = deposit_income.balance_month

),

final as (

    select
        coalesce(balance_income_joined.customer_id, fee_income.customer_id) as customer_id,
        coalesce(balance_income_joined.income_month, fee_income.fee_month) as income_month,
        balance_income_joined.loan_interest_income,
        balance_income_joined.loan_ftp_charge,
        balance_income_joined.deposit_interest_expense,
        balance_income_joined.deposit_ftp_credit,
        fee_income.fee_income,
        fee_income.fee_expense,
        cast(
            coalesce(balance_income_joined.loan_ftp_net_income, 0)
            + coalesce(balance_income_joined.deposit_ftp_net_income, 0)
            + coalesce(fee_income.fee_net_income, 0)
            as decimal(38, 10)
        ) as gross_income
    from balance_income_joined
    full outer join fee_income
        on balance_income_joined.customer_id = fee_income.customer_id
            and balance_income_joined.income_month = fee_income.fee_month

)

select * from final
