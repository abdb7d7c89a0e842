{#- 矩阵与客户细分核对 (SPEC 5 and 6): every non-empty cell of segment_matrix_existing and
    segment_matrix_target equals the corresponding sums over customer_segments - parties, total customer value (to
    the cent), average bank value (2 decimals) and group parties - every (population, sub_class, tier, quadrant)
    with parties in customer_segments has its cell, and an empty cell has no party. Returns one row per
    mismatching cell. -#}

with

segments as (

    select * from {{ ref('customer_segments') }}

),

matrices as (

    select
        'EXISTING' as population,
        as_of_date,
        sub_class,
        tier,
        quadrant,
        parties,
        group_parties,
        total_customer_value,
        avg_bank_value
    from {{ ref('segment_matrix_existing') }}
    union all
    select
        'TARGET' as population,
        as_of_date,
        sub_class,
        tier,
        quadrant,
        parties,
        group_parties,
        total_customer_value,
        avg_bank_value
    from {{ ref('segment_matrix_target') }}

),

segment_cells as (

    select
        party_kind as population,
        as_of_date,
        sub_class,
        tier,
        quadrant,
        count(*) as parties,
        sum(customer_value) as total_customer_value,
        round(cast(avg(bank_value) as decimal(38, 10)), 2) as avg_bank_value
    from segments
    group by party_kind, as_of_date, sub_class, tier, quadrant

),

segment_groups as (

    select
        party_kind as population,
        as_of_date,
        sub_class,
        tier,
        count(*) as group_parties
    from segments
    group by party_kind, as_of_date, sub_class, tier

),

compared as (

    select
        coalesce(matrices.population, segment_cells.population) as population,
        coalesce(matrices.as_of_date, segment_cells.as_of_date) as as_of_date,
        coalesce(matrices.sub_class, segment_cells.sub_class) as sub_class,
        coalesce(matrices.tier, segment_cells.tier) as tier,
        coalesce(matrices.quadrant, segment_cells.quadrant) as quadrant,
        matrices.parties as matrix_parties,
        coalesce(segment_cells.parties, 0) as segment_parties,
        matrices.total_customer_value as matrix_total_customer_value,
        coalesce(segment_cells.total_customer_value, 0) as segment_total_customer_value,
        matrices.avg_bank_value as matrix_avg_bank_value,
        segment_cells.avg_bank_value as segment_avg_bank_value,
        matrices.group_parties as matrix_group_parties,
        segment_groups.group_parties as segment_group_parties
    from matrices
    full outer join segment_cells
        on matrices.population = segment_cells.population
            and matrices.as_of_date = segment_cells.as_of_date
            and matrices.sub_class = segment_cells.sub_class
            and matrices.tier = segment_cells.tier
            and matrices.quadrant = segment_cells.quadrant
    left join segment_groups
        on coalesce(matrices.population, segment_cells.population) = segment_groups.population
            and coalesce(matrices.as_of_date, segment_cells.as_of_date) = segment_groups.as_of_date
            and coalesce(matrices.sub_class, segment_cells.sub_class) = segment_groups.sub_class
            and coalesce(matrices.tier, segment_cells.tier) = segment_groups.tier

)

select *
from compared
where matrix_parties is null
    or matrix_parties <> segment_parties
    or matrix_total_customer_value <> segment_total_customer_value
    or coalesce(matrix_avg_bank_value, -1) <> coalesce(segment_avg_bank_value, -1)
    or segment_group_parties is null
    or matrix_group_parties <> segment_group_parties
