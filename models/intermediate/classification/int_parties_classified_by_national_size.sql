{#- 国家企业规模 National size class (大/中/小/微) of every accepted customer, existing or not, and of every
    accepted prospect, duplicates included (SPEC 4.3, 7 and 8; DECISIONLOG C-003, C-004).
    Industry group = the longest prefix of national_size_industry_groups the industry code starts with (the
    default group when none matches; no group when the code is missing). Classes are tried from the highest
    down: a class whose listed floors include a known failure is passed over; the first class not passed over
    is the class when all its floors are met (MICRO has no floors and catches the rest), and UNRATED with
    MISSING_<INDICATOR> when one of its floors cannot be checked because the value is missing. -#}

with

customers as (

    select
        customer_id,
        industry_code,
        annual_sales_cny,
        total_assets_cny,
        employees
    from {{ ref('stg_bank__customers') }}

),

prospects as (

    select
        prospect_id,
        industry_code,
        annual_sales_cny,
        total_assets_cny,
        employees
    from {{ ref('stg_bank__prospects') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

industry_groups as (

    select
        industry_prefix,
        national_industry_group,
        is_default_group,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('national_size_industry_groups') }}

),

size_standard as (

    select
        national_industry_group,
        size_class,
        indicator,
        floor_value,
        value_multiplier,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('national_size_standard') }}

),

size_classes as (

    select
        size_class,
        class_rank,
        reason_code,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('national_size_classes') }}

),

industry_groups_in_force as (

    select industry_groups.*
    from industry_groups
    inner join evaluation_window
        on {{ is_in_force('industry_groups', 'evaluation_window.as_of_date') }}

),

size_standard_in_force as (

    select size_standard.*
    from size_standard
    inner join evaluation_window
        on {{ is_in_force('size_standard', 'evaluation_window.as_of_date') }}

),

size_classes_in_force as (

    select size_classes.*
    from size_classes
    inner join evaluation_window
        on {{ is_in_force('size_classes', 'evaluation_window.as_of_date') }}

),

parties as (

    select
        customer_id as party_id,
        'CUSTOMER' as party_kind,
        nullif(industry_code, '') as industry_code,
        annual_sales_cny,
        total_assets_cny,
        employees
    from customers

    union all

    select
        prospect_id as party_id,
        'PROSPECT' as party_kind,
        nullif(industry_code, '') as industry_code,
        annual_sales_cny,
        total_assets_cny,
        employees
    from prospects

),

industry_prefix_matches as (

    select
        parties.party_kind,
        parties.party_id,
        industry_groups_in_force.national_industry_group,
        row_number() over (
            partition by parties.party_kind, parties.party_id
            order by
                length(industry_groups_in_force.industry_prefix) desc, industry_groups_in_force.national_industry_group
        ) as match_rank
    from parties
    inner join industry_groups_in_force
        on parties.industry_code like industry_groups_in_force.industry_prefix || '%'
    where not industry_groups_in_force.is_default_group

),

default_industry_group as (

    select
        max(national_industry_group) as national_industry_group,
        max(parameter_version) as parameter_version
    from industry_groups_in_force
    where is_default_group

),

parties_grouped as (

    select
        parties.party_kind,
        parties.party_id,
        parties.industry_code,
        parties.annual_sales_cny,
        parties.total_assets_cny,
        parties.employees,
        case
            when parties.industry_code is not null
                then coalesce(
                        industry_prefix_matches.national_industry_group,
                        default_industry_group.national_industry_group
                    )
        end as national_industry_group,
        default_industry_group.parameter_version as industry_group_version
    from parties
    cross join default_industry_group
    left join industry_prefix_matches
        on parties.party_kind = industry_prefix_matches.party_kind
            and parties.party_id = industry_prefix_matches.party_id
            and industry_prefix_matches.match_rank = 1

),

floors_joined as (

    select
        parties_grouped.party_kind,
        parties_grouped.party_id,
        size_standard_in_force.size_class,
        size_standard_in_force.indicator,
        size_standard_in_force.parameter_version,
        size_standard_in_force.floor_value * size_standard_in_force.value_multiplier as floor_amount,
        case size_standard_in_force.indicator
            when 'EMPLOYEES' then cast(parties_grouped.employees as decimal(38, 10))
            when 'ANNUAL_SALES' then cast(parties_grouped.annual_sales_cny as decimal(38, 10))
            when 'TOTAL_ASSETS' then cast(parties_grouped.total_assets_cny as decimal(38, 10))
        end as indicator_value
    from parties_grouped
    inner join size_standard_in_force
        on parties_grouped.national_industry_group = size_standard_in_force.national_industry_group

),

floors_checked as (

    select
        party_kind,
        party_id,
        size_class,
        indicator,
        parameter_version,
        case
            when indicator_value is null then 'MISSING'
            when indicator_value >= floor_amount then 'MET'
            else 'FAILED'
        end as floor_status
    from floors_joined

),

classes_checked as (

    select
        party_kind,
        party_id,
        size_class,
        sum(case when floor_status = 'FAILED' then 1 else 0 end) as failed_floors,
        sum(case when floor_status = 'MISSING' then 1 else 0 end) as missing_floors,
        max(case when indicator = 'EMPLOYEES' then floor_status end) as employees_status,
        max(case when indicator = 'ANNUAL_SALES' then floor_status end) as annual_sales_status,
        max(case when indicator = 'TOTAL_ASSETS' then floor_status end) as total_assets_status,
        max(parameter_version) as parameter_version
    from floors_checked
    group by party_kind, party_id, size_class

),

classes_evaluated as (

    select
        parties_grouped.party_kind,
        parties_grouped.party_id,
        size_classes_in_force.size_class,
        size_classes_in_force.class_rank,
        size_classes_in_force.reason_code,
        classes_checked.employees_status,
        classes_checked.annual_sales_status,
        classes_checked.total_assets_status,
        coalesce(classes_checked.parameter_version, size_classes_in_force.parameter_version) as parameter_version,
        case
            when coalesce(classes_checked.failed_floors, 0) > 0 then 'FAILED'
            when coalesce(classes_checked.missing_floors, 0) > 0 then 'MISSING'
            else 'MET'
        end as class_status
    from parties_grouped
    cross join size_classes_in_force
    left join classes_checked
        on parties_grouped.party_kind = classes_checked.party_kind
            and parties_grouped.party_id = classes_checked.party_id
            and size_classes_in_force.size_class = classes_checked.size_class
    where parties_grouped.national_industry_group is not null

),

first_class_not_failed as (

    select
        *,
        row_number() over (partition by party_kind, party_id order by class_rank) as candidate_rank
    from classes_evaluated
    where class_status <> 'FAILED'

),

decisive_classes as (

    select
        first_class_not_failed.party_kind,
        first_class_not_failed.party_id,
        first_class_not_failed.size_class,
        first_class_not_failed.class_status,
        first_class_not_failed.reason_code,
        first_class_not_failed.parameter_version,
        first_class_not_failed.employees_status,
        first_class_not_failed.annual_sales_status,
        first_class_not_failed.total_assets_status,
        class_above.size_class as class_above,
        class_above.employees_status as class_above_employees_status,
        class_above.annual_sales_status as class_above_annual_sales_status,
        class_above.total_assets_status as class_above_total_assets_status
    from first_class_not_failed
    left join classes_evaluated as class_above
        on first_class_not_failed.party_kind = class_above.party_kind
            and first_class_not_failed.party_id = class_above.party_id
            and class_above.class_rank = first_class_not_failed.class_rank - 1
    where first_class_not_failed.candidate_rank = 1

),

final as (

    select
        evaluation_window.as_of_date,
        parties_grouped.party_id,
        parties_grouped.party_kind,
        parties_grouped.industry_code,
        parties_grouped.national_industry_group,
        case
            when parties_grouped.national_industry_group is null then 'UNRATED'
            when decisive_classes.class_status = 'MET' then decisive_classes.size_class
            else 'UNRATED'
        end as national_size_class,
        case
            when parties_grouped.national_industry_group is null then 'MISSING_INDUSTRY_CODE'
            when decisive_classes.class_status = 'MET'
                then concat_ws(
                        ';',
                        decisive_classes.reason_code,
                        case when decisive_classes.class_above_employees_status = 'FAILED'
                                then decisive_classes.class_above || '_FLOOR_FAILED_EMPLOYEES'
                        end,
                        case when decisive_classes.class_above_annual_sales_status = 'FAILED'
                                then decisive_classes.class_above || '_FLOOR_FAILED_ANNUAL_SALES'
                        end,
                        case when decisive_classes.class_above_total_assets_status = 'FAILED'
                                then decisive_classes.class_above || '_FLOOR_FAILED_TOTAL_ASSETS'
                        end
                    )
            else concat_ws(
                    ';',
                    case when decisive_classes.employees_status = 'MISSING' then 'MISSING_EMPLOYEES' end,
                    case when decisive_classes.annual_sales_status = 'MISSING' then 'MISSING_ANNUAL_SALES' end,
                    case when decisive_classes.total_assets_status = 'MISSING' then 'MISSING_TOTAL_ASSETS' end
                )
        end as national_size_reason,
        coalesce(decisive_classes.parameter_version, parties_grouped.industry_group_version) as parameter_version
    from parties_grouped
    cross join evaluation_window
    left join decisive_classes
        on parties_grouped.party_kind = decisive_classes.party_kind
            and parties_grouped.party_id = decisive_classes.party_id

)

select * from final
