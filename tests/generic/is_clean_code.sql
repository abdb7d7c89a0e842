{#- Fails for every value that the staging cleaning of codes (macro clean_code: trimmed, upper case, full-width
    folded) would change. A seed code such as `r11` or `R11 ` can never equal a cleaned code of the raw data, so a
    regional override written with it would match no party, silently (DECISIONLOG Q-014). -#}
{% test is_clean_code(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ is_code_repaired(column_name) }}

{% endtest %}
