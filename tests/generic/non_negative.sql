{#- Fails for every row whose column is below zero (null passes: not_null states presence): an amount, count or
    rate that the model builds from non-negative inputs only. -#}
{% test non_negative(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} < 0

{% endtest %}
