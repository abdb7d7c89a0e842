{#- 区域差别化 Precedence of a scoped policy seed row (table alias `relation`) for a party of `branch_code` and
    `region_code` (SPEC 4.8): 1 for its BRANCH row, 2 for its REGION row, 3 for the HEAD_OFFICE row, null when the
    row is another branch's or region's. The lowest rank decides. -#}
{% macro scope_rank(relation, branch_code, region_code) -%}
    case
        when {{ relation }}.scope_type = 'BRANCH' and {{ relation }}.scope_code = {{ branch_code }} then 1
        when {{ relation }}.scope_type = 'REGION' and {{ relation }}.scope_code = {{ region_code }} then 2
        when {{ relation }}.scope_type = 'HEAD_OFFICE' then 3
    end
{%- endmacro %}
