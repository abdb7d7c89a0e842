{#- Fails for every combination of the listed columns that occurs more than once (a composite primary
    key test; the project has no dbt_utils). -#}
{% test unique_combination_of_columns(model, combination) %}

select
    {{ combination | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ combination | join(', ') }}
having count(*) > 1

{% endtest %}
