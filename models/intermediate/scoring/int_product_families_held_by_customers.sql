{#- 产品覆盖度 The product families each customer holds in the window (SPEC 8 "Product families"), one row per
    (customer, family): a loan product when one of its loans has a balance > 0 dated in the window, a deposit
    product when one of its accounts of that product is open on at least one day of the window
    (open_date <= d < close_date), a fee type when an accepted fee of that type is dated in the window. Feeds the
    product-coverage indicator and the needs label 需求 (DECISIONLOG S-006, S-014). -#}

with

loan_months as (

    select
        customer_id,
        loan_id,
        positive_balance_days
    from {{ ref('int_loan_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'

),

loans as (

    select
        loan_id,
        product_code
    from {{ ref('stg_bank__loans') }}

),

deposit_accounts as (

    select
        customer_id,
        product_code,
        open_date,
        close_date
    from {{ ref('stg_bank__deposit_accounts') }}

),

fees as (

    select
        customer_id,
        fee_type,
        fee_date
    from {{ ref('stg_bank__fees') }}

),

product_families as (

    select
        product_kind,
        product_code,
        product_family
    from {{ ref('product_families') }}

),

evaluation_window as (

    select
        as_of_date,
        window_first_date
    from {{ ref('int_evaluation_window') }}

),

loan_products_with_balance as (

    select distinct
        loan_months.customer_id,
        loans.product_code
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    where loan_months.positive_balance_days > 0

),

deposit_products_open as (

    select distinct
        deposit_accounts.customer_id,
        deposit_accounts.product_code
    from deposit_accounts
    cross join evaluation_window
    where deposit_accounts.open_date <= evaluation_window.as_of_date
        and (
            deposit_accounts.close_date is null
            or deposit_accounts.close_date > evaluation_window.window_first_date
        )

),

fee_types_charged as (

    select distinct
        fees.customer_id,
        fees.fee_type as product_code
    from fees
    cross join evaluation_window
    where fees.fee_date >= evaluation_window.window_first_date
        and fees.fee_date <= evaluation_window.as_of_date

),

holdings as (

    select
        customer_id,
        'LOAN' as product_kind,
        product_code,
        'LOAN_BALANCE_IN_WINDOW' as held_basis
    from loan_products_with_balance
    union all
    select
        customer_id,
        'DEPOSIT' as product_kind,
        product_code,
        'DEPOSIT_ACCOUNT_OPEN_IN_WINDOW' as held_basis
    from deposit_products_open
    union all
    select
        customer_id,
        'FEE' as product_kind,
        product_code,
        'FEE_IN_WINDOW' as held_basis
    from fee_types_charged

),

final as (

    select
        evaluation_window.as_of_date,
        holdings.customer_id,
        product_families.product_family,
        holdings.product_kind,
        holdings.product_code,
        holdings.held_basis
    from holdings
    inner join product_families
        on holdings.product_kind = product_families.product_kind
            and holdings.product_code = product_families.product_code
    cross join evaluation_window

)

select * from final
