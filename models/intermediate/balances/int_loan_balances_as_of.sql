{#- 时点贷款余额 Loan balances dated exactly on the as-of date (SPEC 8 "Loan status"), with the product's
    balance-sheet side, for loan status, asset quality and the exposure used by risk weights. -#}

with

loan_balances as (

    select
        loan_id,
        balance_date,
        balance_cny,
        five_level_class
    from {{ ref('stg_bank__loan_balances') }}
    where {{ in_date_ranges('balance_date', ref('int_evaluation_window'), 'as_of_date', 'as_of_date') }}

),

loans as (

    select
        loan_id,
        customer_id,
        product_code,
        risk_grade,
        collateral_type
    from {{ ref('stg_bank__loans') }}

),

product_families as (

    select
        product_code,
        balance_sheet
    from {{ ref('product_families') }}
    where product_kind = 'LOAN'

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

final as (

    select
        loans.customer_id,
        loan_balances.loan_id,
        loans.product_code,
        product_families.balance_sheet = 'ON' as is_on_balance,
        loans.risk_grade,
        loans.collateral_type,
        loan_balances.five_level_class,
        loan_balances.balance_cny
    from loan_balances
    inner join evaluation_window on loan_balances.balance_date = evaluation_window.as_of_date
    inner join loans on loan_balances.loan_id = loans.loan_id
    inner join product_families on loans.product_code = product_families.product_code

)

select * from final
