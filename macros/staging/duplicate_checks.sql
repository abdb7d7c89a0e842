{#- Window columns that find duplicates of a raw table's key (SPEC 8, "Bad input"):
    - `_key_copy_number`: 1 for the first copy of an identical row, 2.. for exact repeats (DUPLICATE);
    - `_has_key_conflict`: rows that share the key but differ in content (DUPLICATE_KEY_CONFLICT, all copies).
    The content hash covers every column of the row, so "identical" means identical in every field. -#}
{% macro duplicate_checks(key_columns, content_columns) -%}
    {%- set partition = key_columns | join(', ') -%}
    {%- set content_hash = row_content_hash(content_columns) -%}
    row_number() over (
        partition by {{ partition }}, {{ content_hash }} order by {{ content_hash }}
    ) as _key_copy_number,
    min({{ content_hash }}) over (partition by {{ partition }})
    <> max({{ content_hash }}) over (partition by {{ partition }}) as _has_key_conflict
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
