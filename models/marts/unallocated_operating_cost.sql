{#- 未分摊运营成本 Operating-cost pools of the window that could not be allocated to any customer (SPEC 4.5 and 8):
    the pool's branch had no driver volume in the pool's month (no existing customer carrying the driver) or
    the pool code has no driver rule in force. Reported here, never dropped: total pooled = total allocated to
    customers (customer_profitability.allocated_operating_cost) + total here. -#}

with

pools as (

    select
        branch_code,
        cost_month,
        pool_code,
        amount_cny,
        driver_code,
        unallocated_reason,
        parameter_version
    from {{ ref('int_cost_pools_matched_to_drivers') }}
    where allocation_status = 'UNALLOCATED'

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

final as (

    select
        evaluation_window.as_of_date,
        pools.branch_code,
        pools.cost_month,
        pools.pool_code,
        pools.driver_code,
        cast(pools.amount_cny as decimal(18, 2)) as unallocated_amount_cny,
        pools.unallocated_reason,
        pools.parameter_version
    from pools
    cross join evaluation_window

)

select * from final
