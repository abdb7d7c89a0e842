{#- The size seeds in force on the as-of date are complete (SPEC 7): every industry group of
    national_size_industry_groups has at least one floor for each floored national class (every class except
    the one ranked last, MICRO) and at least one medium floor in small_enterprise_standard, and exactly one
    default group exists. A group without floors would silently rank every member LARGE / MEDIUM. -#}

with

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

industry_groups as (

    select distinct industry_groups.national_industry_group
    from {{ ref('national_size_industry_groups') }} as industry_groups
    inner join evaluation_window
        on {{ is_in_force('industry_groups', 'evaluation_window.as_of_date') }}

),

default_groups as (

    select count(*) as default_group_rows
    from {{ ref('national_size_industry_groups') }} as industry_groups
    inner join evaluation_window
        on {{ is_in_force('industry_groups', 'evaluation_window.as_of_date') }}
    where industry_groups.is_default_group

),

size_classes as (

    select size_classes.size_class
    from {{ ref('national_size_classes') }} as size_classes
    inner join evaluation_window
        on {{ is_in_force('size_classes', 'evaluation_window.as_of_date') }}
    where size_classes.class_rank < (
            select max(last_class.class_rank) from {{ ref('national_size_classes') }} as last_class
        )

),

national_floors as (

    select distinct
        size_standard.national_industry_group,
        size_standard.size_class
    from {{ ref('national_size_standard') }} as size_standard
    inner join evaluation_window
        on {{ is_in_force('size_standard', 'evaluation_window.as_of_date') }}

),

medium_floors as (

    select distinct small_enterprise_standard.national_industry_group
    from {{ ref('small_enterprise_standard') }} as small_enterprise_standard
    inner join evaluation_window
        on {{ is_in_force('small_enterprise_standard', 'evaluation_window.as_of_date') }}

)

select
    industry_groups.national_industry_group,
    size_classes.size_class,
    'NO_NATIONAL_FLOOR' as problem
from industry_groups
cross join size_classes
left join national_floors
    on industry_groups.national_industry_group = national_floors.national_industry_group
        and size_classes.size_class = national_floors.size_class
where national_floors.national_industry_group is null

union all

select
    industry_groups.national_industry_group,
    'MEDIUM' as size_class,
    'NO_SMALL_ENTERPRISE_FLOOR' as problem
from industry_groups
left join medium_floors
    on industry_groups.national_industry_group = medium_floors.national_industry_group
where medium_floors.national_industry_group is null

union all

select
    'DEFAULT' as national_industry_group,
    cast(null as {{ dbt.type_string() }}) as size_class,
    'NOT_EXACTLY_ONE_DEFAULT_GROUP' as problem
from default_groups
where default_group_rows <> 1
