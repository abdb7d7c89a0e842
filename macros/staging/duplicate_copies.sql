{#- Duplicates of a raw table's key (SPEC 8 "Bad input"), as two window expressions. The base models apply them only
    to the rows whose key another row shares (duplicated keys are rare, and a window over every row costs several
    times a group-by and an anti-join). Row contents are compared by row_content_hash, an md5 of the content
    columns: only the rare rows of a repeated key are hashed, so a cryptographic hash is affordable. -#}

{#- 1 for the first copy of a row content under its key, 2.. for exact repeats (DUPLICATE). Copies of one content
    can differ in the flags a model derives from the raw text (is_uncastable, is_code_repaired), so they are
    numbered by those flags, false first: the clean copy is kept whatever the order of the raw rows (DECISIONLOG
    D-016). -#}
{% macro key_copy_number(key_columns, content_columns, flag_columns) -%}
    row_number() over (
        partition by {{ key_columns | join(', ') }}, {{ row_content_hash(content_columns) }}
        order by {{ flag_columns | join(', ') }}
    )
{%- endmacro %}

{#- True for every row of a key whose rows differ in content (DUPLICATE_KEY_CONFLICT, every copy). -#}
{% macro has_key_conflict(key_columns, content_columns) -%}
    min({{ row_content_hash(content_columns) }}) over (partition by {{ key_columns | join(', ') }})
    <> max({{ row_content_hash(content_columns) }}) over (partition by {{ key_columns | join(', ') }})
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
