{#- Fails for every combination of the listed columns that occurs more than once (a composite primary
    key test; the project has no dbt_utils). The columns come as combination_of_columns (the dbt_utils name,
    which the marts use beside their primary_key constraint) or combination. -#}
{% test unique_combination_of_columns(model, combination=none, combination_of_columns=none) %}
{%- set key_columns = combination_of_columns or combination %}

select
    {{ key_columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ key_columns | join(', ') }}
having count(*) > 1

{% endtest %}
