{#- 存量全覆盖 Fails for every existing customer (int_customers_balances_summarised.is_existing) without exactly one
    customer_profitability row, and for every row that is not an existing customer (SPEC 5 and 6). -#}

with

existing_customers as (

    select customer_id from {{ ref('int_customers_balances_summarised') }}
    where is_existing

),

profitability as (

    select customer_id from {{ ref('customer_profitability') }}

),

rows_per_customer as (

    select
        customer_id,
        count(*) as profitability_rows
    from profitability
    group by customer_id

),

final as (

    select
        coalesce(existing_customers.customer_id, rows_per_customer.customer_id) as customer_id,
        existing_customers.customer_id is not null as is_existing,
        coalesce(rows_per_customer.profitability_rows, 0) as profitability_rows
    from existing_customers
    full outer join rows_per_customer on existing_customers.customer_id = rows_per_customer.customer_id

)

select *
from final
where not is_existing or profitability_rows <> 1
