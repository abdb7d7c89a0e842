{#- dbt.listagg on Spark, keeping its `order by` (overrides dbt-spark's spark__listagg, which warns and drops it:
    collect_list keeps whatever order the rows arrive in, so `customer_segments.needs` came out in another order
    on 160 of 349 parties). The values are collected with their sort key as structs, sorted (by key, then by
    value: ties come out in one deterministic order) and joined. `order_by_clause`: 'order by <expression>'
    ascending, the only form the project uses; anything else fails the compile instead of being ignored. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if not order_by_clause -%}
        array_join(collect_list({{ measure }}), {{ delimiter_text }})
    {%- else -%}
        {%- set sort_key = order_by_clause | trim -%}
        {%- if not sort_key.lower().startswith('order by ') or ',' in sort_key
            or sort_key.lower().endswith(' desc') or limit_num -%}
            {{ exceptions.raise_compiler_error(
                'spark__listagg supports one ascending sort key and no limit, got: ' ~ order_by_clause) }}
        {%- endif -%}
        {%- set sort_key = sort_key[9:] | trim -%}
        {%- if sort_key.lower().endswith(' asc') -%}
            {%- set sort_key = sort_key[:-4] -%}
        {%- endif -%}
        array_join(
            transform(
                array_sort(collect_list(
                    case when {{ measure }} is not null then struct({{ sort_key }} as sort_key, {{ measure }} as value) end
                )),
                listed -> listed.value
            ),
            {{ delimiter_text }}
        )
    {%- endif -%}
{%- endmacro %}
