{#- 运营成本分摊 Allocation of every allocatable cost pool to its branch's customers by driver volume (SPEC 4.5 and 8):
    share = pool amount * customer volume / branch volume, rounded half-up to the cent; the rounding residue
    (pool amount - sum of rounded shares) goes to the customer with the largest driver volume, ties to the
    lowest customer_id, so the allocated total equals the pool amount to the cent.
    The half-up rounding is exact (DECISIONLOG P-014): the quotient, divided in double precision, is only an
    estimate to the cent, and the exact products pool amount * volume and (estimate +- half a cent) * branch volume
    move it by a cent where double rounding crossed a half cent (large shares, exact ties). -#}

with

pools as (

    select
        branch_code,
        cost_month,
        pool_code,
        amount_cny,
        driver_code,
        total_driver_volume,
        parameter_version
    from {{ ref('int_cost_pools_matched_to_drivers') }}
    where allocation_status = 'ALLOCATED'

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

shares_estimated as (

    select
        pools.branch_code,
        pools.cost_month,
        pools.pool_code,
        driver_volumes.customer_id,
        pools.driver_code,
        driver_volumes.driver_volume,
        pools.total_driver_volume,
        pools.amount_cny as pool_amount_cny,
        pools.amount_cny * driver_volumes.driver_volume as share_numerator,
        cast(
            cast(pools.amount_cny as double) * cast(driver_volumes.driver_volume as double)
            / cast(pools.total_driver_volume as double) as decimal(38, 2)
        ) as estimated_share_cny,
        pools.parameter_version
    from pools
    inner join driver_volumes
        on pools.branch_code = driver_volumes.branch_code
            and pools.cost_month = driver_volumes.cost_month
            and pools.driver_code = driver_volumes.driver_code

),

shares_rounded as (

    select
        *,
        case
            when share_numerator >= (estimated_share_cny + 0.005) * total_driver_volume
                then estimated_share_cny + 0.01
            when share_numerator < (estimated_share_cny - 0.005) * total_driver_volume
                then estimated_share_cny - 0.01
            else estimated_share_cny
        end as rounded_share_cny
    from shares_estimated

),

pool_totals as (

    select
        branch_code,
        cost_month,
        pool_code,
        sum(rounded_share_cny) as rounded_total_cny,
        max(driver_volume) as largest_driver_volume
    from shares_rounded
    group by branch_code, cost_month, pool_code

),

residue_customers as (

    {#- The customer who takes a pool's rounding residue: the largest driver volume, ties to the lowest
        customer_id. -#}
    select
        shares_rounded.branch_code,
        shares_rounded.cost_month,
        shares_rounded.pool_code,
        min(shares_rounded.customer_id) as residue_customer_id
    from shares_rounded
    inner join pool_totals
        on shares_rounded.branch_code = pool_totals.branch_code
            and shares_rounded.cost_month = pool_totals.cost_month
            and shares_rounded.pool_code = pool_totals.pool_code
            and shares_rounded.driver_volume = pool_totals.largest_driver_volume
    group by shares_rounded.branch_code, shares_rounded.cost_month, shares_rounded.pool_code

),

residues as (

    select
        shares_rounded.*,
        case
            when shares_rounded.customer_id = residue_customers.residue_customer_id
                then shares_rounded.pool_amount_cny - pool_totals.rounded_total_cny
            else 0
        end as residue_cny
    from shares_rounded
    inner join pool_totals
        on shares_rounded.branch_code = pool_totals.branch_code
            and shares_rounded.cost_month = pool_totals.cost_month
            and shares_rounded.pool_code = pool_totals.pool_code
    left join residue_customers
        on shares_rounded.branch_code = residue_customers.branch_code
            and shares_rounded.cost_month = residue_customers.cost_month
            and shares_rounded.pool_code = residue_customers.pool_code

),

final as (

    select
        branch_code,
        cost_month,
        pool_code,
        customer_id,
        driver_code,
        driver_volume,
        total_driver_volume,
        pool_amount_cny,
        rounded_share_cny,
        residue_cny,
        cast(rounded_share_cny + residue_cny as decimal(18, 2)) as allocated_amount_cny,
        parameter_version
    from residues

)

select * from final
