{#- Fails for every value that the staging cleaning of codes (macro clean_code: trimmed, upper case, full-width
    folded) would change. A seed code such as `r11`, `i65` or `LARGE ` can never equal a cleaned code, so the row
    written with it (a regional override, an industry prefix, a tier's strategy) would match nothing, silently
    (DECISIONLOG Q-014, Q-020). -#}
{% test is_clean_code(model, column_name) %}

select {{ column_name }}
from {{ model }}
where {{ is_code_repaired(column_name) }}

{% endtest %}
