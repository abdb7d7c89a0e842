{#- Stops an incremental build of a table stored before `column` existed, with one line naming the full refresh that
    rebuilds it: `since` says what changed (ends the sentence "... was built before ..."). -#}
{% macro require_stored_column(column, since) -%}
    {%- set stored_columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
    {%- if column not in stored_columns -%}
        {{ exceptions.raise_compiler_error(
            this ~ ' was built before ' ~ since ~ '. Rebuild it once: dbt build --full-refresh --select '
            ~ this.identifier ~ '+') }}
    {%- endif -%}
{%- endmacro %}
