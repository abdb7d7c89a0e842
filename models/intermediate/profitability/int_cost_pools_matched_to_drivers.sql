{#- 成本池 Every accepted cost pool of the window (its month's first day is in the window, SPEC 8) with its driver
    (seed cost_pool_drivers in force on the as-of date), the branch's total driver volume and the number of
    customers carrying it. A pool whose driver is unknown or whose branch has no driver volume that month is
    UNALLOCATED with a reason and is reported in unallocated_operating_cost, never dropped. -#}

with

cost_pools as (

    select
        branch_code,
        cost_month,
        pool_code,
        amount_cny
    from {{ ref('stg_bank__cost_pools') }}

),

cost_pool_drivers as (

    select
        pool_code,
        driver_code,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('cost_pool_drivers') }}

),

driver_volumes as (

    select
        branch_code,
        cost_month,
        customer_id,
        driver_code,
        driver_volume
    from {{ ref('int_customer_months_measured_by_cost_driver') }}

),

evaluation_window as (

    select
        as_of_date,
        window_first_date
    from {{ ref('int_evaluation_window') }}

),

drivers_in_force as (

    select cost_pool_drivers.*
    from cost_pool_drivers
    inner join evaluation_window
        on {{ is_in_force('cost_pool_drivers', 'evaluation_window.as_of_date') }}

),

pools_in_window as (

    select cost_pools.*
    from cost_pools
    inner join evaluation_window
        on cost_pools.cost_month >= evaluation_window.window_first_date
            and cost_pools.cost_month <= evaluation_window.as_of_date

),

branch_driver_totals as (

    select
        branch_code,
        cost_month,
        driver_code,
        sum(driver_volume) as total_driver_volume,
        count(*) as driver_customers
    from driver_volumes
    group by branch_code, cost_month, driver_code

),

final as (

    select
        pools_in_window.branch_code,
        pools_in_window.cost_month,
        pools_in_window.pool_code,
        pools_in_window.amount_cny,
        drivers_in_force.driver_code,
        coalesce(branch_driver_totals.total_driver_volume, 0) as total_driver_volume,
        coalesce(branch_driver_totals.driver_customers, 0) as driver_customers,
        case
            when branch_driver_totals.total_driver_volume > 0 then 'ALLOCATED'
            else 'UNALLOCATED'
        end as allocation_status,
        case
            when drivers_in_force.driver_code is null then 'NO_DRIVER_RULE'
            when branch_driver_totals.total_driver_volume is null then 'NO_DRIVER_VOLUME'
        end as unallocated_reason,
        drivers_in_force.parameter_version
    from pools_in_window
    left join drivers_in_force on pools_in_window.pool_code = drivers_in_force.pool_code
    left join branch_driver_totals
        on pools_in_window.branch_code = branch_driver_totals.branch_code
            and pools_in_window.cost_month = branch_driver_totals.cost_month
            and drivers_in_force.driver_code = branch_driver_totals.driver_code

)

select * from final
