{#- 成本池覆盖 Fails for every branch and month of the window in which existing customers carry a cost driver but the
    branch has no accepted cost pool (SPEC 8 "Cost allocation"): its customers would carry no operating cost and
    look more profitable, with nothing in unallocated_operating_cost to show it (a customer's branch code mistyped,
    a branch left out of the cost extract; DECISIONLOG Q-021). One row per branch and month. -#}

with

driver_volumes as (

    select
        branch_code,
        cost_month,
        customer_id
    from {{ ref('int_customer_months_measured_by_cost_driver') }}

),

cost_pools as (

    select
        branch_code,
        cost_month
    from {{ ref('stg_bank__cost_pools') }}

),

branch_months_with_customers as (

    select
        branch_code,
        cost_month,
        count(distinct customer_id) as customers
    from driver_volumes
    where branch_code is not null
    group by branch_code, cost_month

),

branch_months_with_pools as (

    select distinct
        branch_code,
        cost_month
    from cost_pools

),

final as (

    select branch_months_with_customers.*
    from branch_months_with_customers
    left join branch_months_with_pools
        on
            branch_months_with_customers.branch_code = branch_months_with_pools.branch_code
            and branch_months_with_customers.cost_month = branch_months_with_pools.cost_month
    where branch_months_with_pools.branch_code is null

)

select * from final
