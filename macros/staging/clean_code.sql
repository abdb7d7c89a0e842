{#- Normalises a code column as it arrives from a bank's extract: full-width (全角) letters, digits and
    punctuation become half-width, surrounding spaces (half- and full-width) go, letters become upper case.
    A code changed by this is repaired, not rejected; `is_code_repaired` flags it (DECISIONLOG D-007). Only values
    with a non-ASCII character are translated (is_ascii guard: translate costs ~2 us a row). -#}
{% macro clean_code(column) -%}
    {%- set text = 'cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    upper(trim(case
        when {{ is_ascii(text) }} then {{ text }}
        else translate(
            {{ text }},
            'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９＿－　',
            'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_- '
        )
    end))
{%- endmacro %}

{#- True when clean_code changed the value (other than null). -#}
{% macro is_code_repaired(column) -%}
    coalesce(cast({{ column }} as {{ dbt.type_string() }}) <> {{ clean_code(column) }}, false)
{%- endmacro %}
