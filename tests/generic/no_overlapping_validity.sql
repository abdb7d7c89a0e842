{#- Fails for every pair of rows with the same key whose [valid_from, valid_to] ranges overlap (valid_to
    inclusive, null = open-ended): an effective-dated policy row must be unambiguous on any date. -#}
{% test no_overlapping_validity(model, key_columns, valid_from='valid_from', valid_to='valid_to') %}

select
    {% for key in key_columns %}earlier.{{ key }}, {% endfor %}
    earlier.{{ valid_from }} as earlier_valid_from,
    later.{{ valid_from }} as later_valid_from
from {{ model }} as earlier
inner join {{ model }} as later
    on {% for key in key_columns %}earlier.{{ key }} = later.{{ key }} and {% endfor %}
    earlier.{{ valid_from }} < later.{{ valid_from }}
    and (earlier.{{ valid_to }} is null or earlier.{{ valid_to }} >= later.{{ valid_from }})

{% endtest %}
