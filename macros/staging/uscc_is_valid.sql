{#- GB 32100-2015 check of a 统一社会信用代码: 18 characters from the code's 31-character set, the 18th
    being the check character over the first 17 (weights 3^i mod 31). Portable: instr/substr only. -#}
{% macro uscc_is_valid(column) -%}
    {%- set charset = '0123456789ABCDEFGHJKLMNPQRTUWXY' -%}
    {%- set weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] -%}
    coalesce(
        {{ dbt.length(column) }} = 18
        {%- for position in range(1, 19) %}
        and instr('{{ charset }}', substr({{ column }}, {{ position }}, 1)) > 0
        {%- endfor %}
        and substr('{{ charset }}', 1 + mod(31 - mod(
            {%- for weight in weights %}
            {{ weight }} * (instr('{{ charset }}', substr({{ column }}, {{ loop.index }}, 1)) - 1)
            {%- if not loop.last %} +{% endif %}
            {%- endfor %}, 31), 31), 1) = substr({{ column }}, 18, 1),
        false
    )
{%- endmacro %}
