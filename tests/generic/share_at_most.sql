{#- Fails for every group of rows in which sum(part) is more than max_share * sum(whole): a share threshold
    (DECISIONLOG Q-004). Applied twice with the warn and the error level of the same dbt vars, as severity warn
    and severity error; the test's own `where` config narrows the rows. Each failing row shows the group, both
    sums and the threshold. -#}
{% test share_at_most(model, group_by, part, whole, max_share) %}

with

shares as (

    select
        {{ group_by | join(', ') }},
        sum({{ part }}) as part_total,
        sum({{ whole }}) as whole_total
    from {{ model }}
    group by {{ group_by | join(', ') }}

),

final as (

    select
        {{ group_by | join(', ') }},
        part_total,
        whole_total,
        {{ max_share }} as threshold_share
    from shares
    where part_total > {{ max_share }} * whole_total

)

select * from final

{% endtest %}
