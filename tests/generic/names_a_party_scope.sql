{#- 区域差别化 Fails for every REGION or BRANCH row of a scoped policy seed, in force on the as-of date, whose
    scope code is no region or branch of any accepted customer or prospect. Such an override matches no party and
    changes nothing, silently: `R99` for `R44`, a retired branch (DECISIONLOG Q-015). -#}
{% test names_a_party_scope(model, column_name) %}

with

scoped_rows as (

    select
        scope_type,
        {{ column_name }} as scope_code,
        valid_from,
        valid_to
    from {{ model }}
    where scope_type in ('REGION', 'BRANCH')

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

customers as (

    select * from {{ ref('stg_bank__customers') }}

),

prospects as (

    select * from {{ ref('stg_bank__prospects') }}

),

party_scopes as (

    select
        'REGION' as scope_type,
        region_code as scope_code
    from customers
    union
    select
        'REGION' as scope_type,
        region_code as scope_code
    from prospects
    union
    select
        'BRANCH' as scope_type,
        branch_code as scope_code
    from customers
    union
    select
        'BRANCH' as scope_type,
        branch_code as scope_code
    from prospects

),

final as (

    select scoped_rows.*
    from scoped_rows
    inner join evaluation_window
        on {{ is_in_force('scoped_rows', 'evaluation_window.as_of_date') }}
    left join party_scopes
        on
            scoped_rows.scope_type = party_scopes.scope_type
            and scoped_rows.scope_code = party_scopes.scope_code
    where party_scopes.scope_code is null

)

select * from final

{% endtest %}
