{#- The first failing check of a raw row, as a reason code; null when the row is accepted.
    `checks` is an ordered list of [condition, reason_code] pairs: order is precedence, so a row with a
    null key is reported as NULL_KEY even if it is also a duplicate. -#}
{% macro rejection_reason(checks) -%}
    case
    {%- for condition, reason_code in checks %}
        when {{ condition }} then '{{ reason_code }}'
    {%- endfor %}
    end
{%- endmacro %}
