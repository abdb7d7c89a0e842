{#- Fails for every row whose column lies outside [min_value, max_value] (both inclusive; null passes: not_null
    states presence): a share between 0 and 1, a score between 0 and 100, a rating within its scale. -#}
{% test between_values(model, column_name, min_value, max_value) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}

{% endtest %}
