{#- Normalises a code column as it arrives from a bank's extract: full-width (全角) letters, digits and
    punctuation become half-width, invisible characters (zero-width space, non-joiner and joiner, word joiner, byte
    order mark) are deleted, surrounding spaces (half- and full-width) go, letters become upper case. A code
    changed by this is repaired, not rejected; `is_code_repaired` flags it (DECISIONLOG D-007, D-017). Only values
    with a non-ASCII character are translated (is_ascii guard: translate costs ~2 us a row). -#}
{% macro clean_code(column) -%}
    {%- set text = 'cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    {#- U+200B, U+200C, U+200D, U+2060, U+FEFF: in `from` with no counterpart in `to`, so translate deletes them -#}
    {%- set invisible = '\u200b\u200c\u200d\u2060\ufeff' -%}
    upper(trim(case
        when {{ is_ascii(text) }} then {{ text }}
        else translate(
            {{ text }},
            'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９＿－　{{ invisible }}',
            'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_- '
        )
    end))
{%- endmacro %}

{#- True when clean_code changed the value (other than null). -#}
{% macro is_code_repaired(column) -%}
    coalesce(cast({{ column }} as {{ dbt.type_string() }}) <> {{ clean_code(column) }}, false)
{%- endmacro %}
