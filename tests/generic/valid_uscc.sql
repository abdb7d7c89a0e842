{#- Fails for every non-null value of the column that fails the GB 32100-2015 check of a 统一社会信用代码 (macro
    uscc_is_valid): staging keeps a uscc only when it passes, and every later model carries it unchanged. -#}
{% test valid_uscc(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null and not {{ uscc_is_valid(column_name) }}

{% endtest %}
