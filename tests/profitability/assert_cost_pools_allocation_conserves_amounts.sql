{#- 成本守恒 Fails for every allocated cost pool whose customer shares do not sum to the pool amount to the cent,
    and when total pooled cost of the window (read from the accepted cost pools) differs from the total allocated
    to customers in customer_profitability plus the total reported in unallocated_operating_cost (SPEC 4.5, 6). -#}

with

pools as (

    select
        branch_code,
        cost_month,
        pool_code,
        amount_cny,
        allocation_status
    from {{ ref('int_cost_pools_matched_to_drivers') }}

),

allocations as (

    select
        branch_code,
        cost_month,
        pool_code,
        allocated_amount_cny
    from {{ ref('int_cost_pools_allocated_to_customers') }}

),

accepted_pools as (

    select
        cost_month,
        amount_cny
    from {{ ref('stg_bank__cost_pools') }}

),

evaluation_window as (

    select
        as_of_date,
        window_first_date
    from {{ ref('int_evaluation_window') }}

),

profitability as (

    select allocated_operating_cost from {{ ref('customer_profitability') }}

),

unallocated as (

    select unallocated_amount_cny from {{ ref('unallocated_operating_cost') }}

),

allocated_per_pool as (

    select
        branch_code,
        cost_month,
        pool_code,
        sum(allocated_amount_cny) as allocated_amount_cny
    from allocations
    group by branch_code, cost_month, pool_code

),

pool_failures as (

    select
        'POOL' as check_level,
        pools.branch_code || '|' || cast(pools.cost_month as {{ dbt.type_string() }}) || '|' || pools.pool_code
            as check_key,
        pools.amount_cny as expected_cny,
        coalesce(allocated_per_pool.allocated_amount_cny, 0) as actual_cny
    from pools
    left join allocated_per_pool
        on pools.branch_code = allocated_per_pool.branch_code
            and pools.cost_month = allocated_per_pool.cost_month
            and pools.pool_code = allocated_per_pool.pool_code
    where (
        pools.allocation_status = 'ALLOCATED'
        and coalesce(allocated_per_pool.allocated_amount_cny, 0) <> pools.amount_cny
    )
    or (pools.allocation_status = 'UNALLOCATED' and allocated_per_pool.pool_code is not null)

),

pooled_total as (

    select coalesce(sum(accepted_pools.amount_cny), 0) as pooled_cny
    from accepted_pools
    cross join evaluation_window
    where accepted_pools.cost_month >= evaluation_window.window_first_date
        and accepted_pools.cost_month <= evaluation_window.as_of_date

),

allocated_total as (

    select coalesce(sum(allocated_operating_cost), 0) as allocated_cny from profitability

),

unallocated_total as (

    select coalesce(sum(unallocated_amount_cny), 0) as unallocated_cny from unallocated

),

total_failures as (

    select
        'TOTAL' as check_level,
        'pooled = allocated + unallocated' as check_key,
        pooled_total.pooled_cny as expected_cny,
        allocated_total.allocated_cny + unallocated_total.unallocated_cny as actual_cny
    from pooled_total
    cross join allocated_total
    cross join unallocated_total
    where pooled_total.pooled_cny <> allocated_total.allocated_cny + unallocated_total.unallocated_cny

)

select * from pool_failures
union all
select * from total_failures
