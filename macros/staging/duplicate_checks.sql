{#- CTEs that mark duplicates of a raw table's key (SPEC 8, "Bad input"), ending in `duplicates_marked`:
    every row of `relation` once, plus
    - `_key_copy_number`: 1 for the first copy of an identical row, 2.. for exact repeats (DUPLICATE);
    - `_has_key_conflict`: rows that share the key but differ in content (DUPLICATE_KEY_CONFLICT, all copies).
    Duplicated keys are rare, so only their rows are hashed and windowed; every other row takes the cheap
    path (one aggregate to find duplicated keys, one anti-join). "Identical" = md5 over every content column.
    Identical copies can still differ in `flag_columns`, the boolean flags a model derives from the raw text
    and stores (is_uncastable, is_code_repaired: 'normal' and 'NORMAL' clean to the same code): the copies are
    numbered by those flags, false first, so the clean copy is the first one whatever the order of the raw
    rows (DECISIONLOG D-016). -#}
{% macro mark_duplicates(relation, key_columns, content_columns, flag_columns=[]) -%}
    {%- set key_match -%}
        {%- for key in key_columns -%}
            {{ relation }}.{{ key }} = duplicate_keys.{{ key }}{% if not loop.last %} and {% endif %}
        {%- endfor -%}
    {%- endset -%}
    {%- set qualified_content_columns = [] -%}
    {%- for column in content_columns -%}
        {%- do qualified_content_columns.append(relation ~ '.' ~ column) -%}
    {%- endfor -%}
duplicate_keys as (

    select {{ key_columns | join(', ') }}
    from {{ relation }}
    group by {{ key_columns | join(', ') }}
    having count(*) > 1

),

rows_with_unique_key as (

    select
        {{ relation }}.*,
        cast(null as {{ dbt.type_string() }}) as _content_hash,
        1 as _key_copy_number,
        false as _has_key_conflict
    from {{ relation }}
    left join duplicate_keys
        on {{ key_match }}
    where duplicate_keys.{{ key_columns[0] }} is null

),

rows_with_duplicated_key as (

    select
        {{ relation }}.*,
        {{ row_content_hash(qualified_content_columns) }}
            as _content_hash
    from {{ relation }}
    inner join duplicate_keys
        on {{ key_match }}

),

rows_with_duplicated_key_marked as (

    select
        *,
        row_number() over (
            partition by {{ key_columns | join(', ') }}, _content_hash
            order by {{ (flag_columns or ['_content_hash']) | join(', ') }}
        ) as _key_copy_number,
        min(_content_hash) over (partition by {{ key_columns | join(', ') }})
        <> max(_content_hash) over (partition by {{ key_columns | join(', ') }}) as _has_key_conflict
    from rows_with_duplicated_key

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_duplicated_key_marked

)
{%- endmacro %}

{#- md5 over every listed column, nulls and separators made explicit so ('a', null) <> (null, 'a'). -#}
{% macro row_content_hash(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- if not loop.first %}{% do parts.append("'|'") %}{% endif -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro %}
