{#- Normalises a code column as it arrives from a bank's extract: full-width (全角) letters, digits and
    punctuation become half-width, surrounding spaces (half- and full-width) go, letters become upper case.
    A code changed by this is repaired, not rejected; `is_code_repaired` flags it (DECISIONLOG D-007). -#}
{% macro clean_code(column) -%}
    upper(trim(translate(
        cast({{ column }} as {{ dbt.type_string() }}),
        'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９＿－　',
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_- '
    )))
{%- endmacro %}

{#- True when clean_code changed the value (other than null). -#}
{% macro is_code_repaired(column) -%}
    coalesce(cast({{ column }} as {{ dbt.type_string() }}) <> {{ clean_code(column) }}, false)
{%- endmacro %}
