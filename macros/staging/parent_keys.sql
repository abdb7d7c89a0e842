{#- The keys of a parent base model with whether any of its rows was accepted: a child row whose key is
    absent is an ORPHAN_<PARENT>, one whose parent rows were all rejected is PARENT_REJECTED. -#}
{% macro parent_keys(base_model, key_column) -%}
    select
        {{ key_column }},
        max(case when rejection_reason is null then 1 else 0 end) = 1 as is_parent_accepted
    from {{ ref(base_model) }}
    where {{ key_column }} is not null
    group by {{ key_column }}
{%- endmacro %}
