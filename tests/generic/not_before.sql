{#- Fails for every row whose column (a date or an upper bound) is before other_column on the same row (rows where
    either is null pass): a validity or contract period that ends no earlier than it starts. -#}
{% test not_before(model, column_name, other_column) %}

select
    {{ column_name }},
    {{ other_column }}
from {{ model }}
where {{ column_name }} < {{ other_column }}

{% endtest %}
