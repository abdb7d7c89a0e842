{#- 运营成本分摊 Allocation of every allocatable cost pool to its branch's customers by driver volume (SPEC 4.5 and 8):
    share = pool amount * customer volume / branch volume, rounded half-up to the cent; the rounding residue
    (pool amount - sum of rounded shares) goes to the customer with the largest driver volume, ties to the
    lowest customer_id, so the allocated total equals the pool amount to the cent.
    The half-up rounding is exact (DECISIONLOG P-014): DuckDB divides decimals in double precision, so the
    quotient is only an estimate, and the exact products pool amount * volume and (estimate +- half a cent) *
    branch volume move it by a cent where double rounding crossed a half cent (large shares, exact ties). -#}

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
        round(cast(pools.amount_cny * driver_volumes.driver_volume / pools.total_driver_volume as decimal(38, 10)), 2)
            as estimated_share_cny,
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
        end as rounded_share_cny,
        row_number() over (
            partition by branch_code, cost_month, pool_code
            order by driver_volume desc, customer_id asc
        ) as residue_rank
    from shares_estimated

),

residues as (

    select
        *,
        pool_amount_cny - sum(rounded_share_cny) over (
            partition by branch_code, cost_month, pool_code
        ) as pool_residue_cny
    from shares_rounded

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
        case when residue_rank = 1 then pool_residue_cny else 0 end as residue_cny,
        cast(
            rounded_share_cny + case when residue_rank = 1 then pool_residue_cny else 0 end as decimal(18, 2)
        ) as allocated_amount_cny,
        parameter_version
    from residues

)

select * from final
