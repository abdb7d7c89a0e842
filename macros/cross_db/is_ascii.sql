{#- True when a text value holds only ASCII characters (byte length = character length); null for null.
    A cheap guard in front of costly per-character work: clean_code translates full-width characters only
    for values that have non-ASCII characters, about 30x faster on a column of clean codes (DuckDB's
    translate costs ~2 us a row). Adapter-dispatched: DuckDB strlen (bytes), Spark octet_length. -#}
{% macro is_ascii(text) -%}
    {{ return(adapter.dispatch('is_ascii', 'corporate_segmentation')(text)) }}
{%- endmacro %}

{% macro default__is_ascii(text) -%}
    strlen({{ text }}) = length({{ text }})
{%- endmacro %}

{% macro spark__is_ascii(text) -%}
    octet_length({{ text }}) = length({{ text }})
{%- endmacro %}
