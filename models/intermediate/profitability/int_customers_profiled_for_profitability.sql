{#- 存量客户画像 The existing customers whose profit contribution is measured (SPEC 4.4 and 8: is_existing), one row
    each, with the attributes the money rules need: branch and region (regional parameters, cost allocation),
    org_type and industry (risk weight, VAT exemption), the national size class from the classification model,
    the on-balance loan exposure on the as-of date and the average daily balances of the window. -#}

with

customers as (

    select
        customer_id,
        branch_code,
        region_code,
        org_type,
        industry_code
    from {{ ref('stg_bank__customers') }}

),

balances_summarised as (

    select
        customer_id,
        is_existing,
        on_balance_loan_cny_as_of,
        off_balance_loan_cny_as_of,
        avg_daily_deposit_cny,
        avg_daily_loan_cny,
        avg_daily_off_balance_cny
    from {{ ref('int_customers_balances_summarised') }}

),

national_sizes as (

    select
        party_id,
        national_size_class
    from {{ ref('int_parties_classified_by_national_size') }}
    where party_kind = 'CUSTOMER'

),

evaluation_window as (

    select
        as_of_date,
        window_start_exclusive,
        window_first_date,
        window_days
    from {{ ref('int_evaluation_window') }}

),

final as (

    select
        evaluation_window.as_of_date,
        evaluation_window.window_start_exclusive,
        evaluation_window.window_first_date,
        evaluation_window.window_days,
        customers.customer_id,
        customers.branch_code,
        customers.region_code,
        customers.org_type,
        customers.industry_code,
        coalesce(national_sizes.national_size_class, 'UNRATED') as national_size_class,
        balances_summarised.on_balance_loan_cny_as_of,
        balances_summarised.off_balance_loan_cny_as_of,
        balances_summarised.avg_daily_deposit_cny,
        balances_summarised.avg_daily_loan_cny,
        balances_summarised.avg_daily_off_balance_cny
    from customers
    inner join balances_summarised on customers.customer_id = balances_summarised.customer_id
    cross join evaluation_window
    left join national_sizes on customers.customer_id = national_sizes.party_id
    where balances_summarised.is_existing

)

select * from final
