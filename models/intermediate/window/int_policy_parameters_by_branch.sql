{#- 区域差别化 Every scalar policy parameter resolved for every branch on the as-of date (SPEC 4.8):
    a BRANCH row beats a REGION row beats the HEAD_OFFICE row; only rows effective on the as-of date count.
    Each row names the version and the scope that decided it, for the audit trail. -#}

with

parameters as (

    select * from {{ ref('policy_parameters') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

branches as (

    select distinct
        branch_code,
        region_code
    from {{ ref('stg_bank__customers') }}
    union
    select distinct
        branch_code,
        region_code
    from {{ ref('stg_bank__prospects') }}

),

effective_parameters as (

    select parameters.*
    from parameters
    inner join evaluation_window
        on {{ is_in_force('parameters', 'evaluation_window.as_of_date') }}

),

candidates as (

    select
        branches.branch_code,
        branches.region_code,
        effective_parameters.parameter_code,
        effective_parameters.value_number,
        effective_parameters.value_text,
        effective_parameters.parameter_version,
        effective_parameters.scope_type || ':' || effective_parameters.scope_code as parameter_source,
        {{ scope_rank('effective_parameters', 'branches.branch_code', 'branches.region_code') }} as scope_precedence
    from branches
    cross join effective_parameters

),

ranked as (

    select
        *,
        row_number() over (
            partition by branch_code, region_code, parameter_code order by scope_precedence
        ) as precedence_rank
    from candidates
    where scope_precedence is not null

),

final as (

    select
        branch_code,
        region_code,
        parameter_code,
        value_number,
        value_text,
        parameter_version,
        parameter_source
    from ranked
    where precedence_rank = 1

)

select * from final
