{#- 有效 True when an effective-dated seed row (table alias `relation`) is in force on `as_of_date`:
    valid_from <= as_of_date and (valid_to is null or valid_to >= as_of_date). Both ends are inclusive. -#}
{% macro is_in_force(relation, as_of_date, valid_from='valid_from', valid_to='valid_to') -%}
    ({{ relation }}.{{ valid_from }} <= {{ as_of_date }} and ({{ relation }}.{{ valid_to }} is null or {{ relation }}.{{ valid_to }} >= {{ as_of_date }}))
{%- endmacro %}
