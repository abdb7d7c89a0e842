{#- 客户群代码不变 (SPEC 4.6, 4.8; DECISIONLOG S-015): a region or branch may relabel a quadrant but never move a
    code to another cell, so matrices stay comparable across branches. Every (population, customer value level,
    bank value level) cell maps to exactly one quadrant code in every scope and version of quadrant_labels, each
    code to exactly one cell, and the head office defines all four cells of both populations. -#}

with

labels as (

    select * from {{ ref('quadrant_labels') }}

),

cells_with_several_codes as (

    select
        population || ':' || customer_value_level || '/' || bank_value_level as cell,
        'CELL_HAS_SEVERAL_CODES' as problem
    from labels
    group by population, customer_value_level, bank_value_level
    having count(distinct quadrant) > 1

),

codes_in_several_cells as (

    select
        quadrant as cell,
        'CODE_IN_SEVERAL_CELLS' as problem
    from labels
    group by quadrant
    having count(distinct population || customer_value_level || bank_value_level) > 1

),

head_office_cells as (

    select
        population,
        count(distinct customer_value_level || bank_value_level) as cells
    from labels
    where scope_type = 'HEAD_OFFICE'
    group by population

),

populations as (

    select 'EXISTING' as population
    union all
    select 'TARGET' as population

),

incomplete_head_office as (

    select
        populations.population as cell,
        'HEAD_OFFICE_MATRIX_INCOMPLETE' as problem
    from populations
    left join head_office_cells on populations.population = head_office_cells.population
    where coalesce(head_office_cells.cells, 0) <> 4

)

select * from cells_with_several_codes
union all
select * from codes_in_several_cells
union all
select * from incomplete_head_office
