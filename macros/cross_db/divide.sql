{#- A quotient as DuckDB computes it. DuckDB divides decimals in double precision; Spark keeps a decimal quotient
    (18 places for decimal(38, x) operands, DECISIONLOG X-005), and a product of that quotient can then pass
    precision 38 and overflow to null (RAROC: quotient * 365 / window days). Adapter-dispatched: default__ =
    DuckDB (`a / b`, unchanged), spark__ = the same division in double precision. For the expressions whose
    quotient is multiplied again, and for an integer over a short literal, where Spark keeps only 6 places (tenure:
    days / 365.25); a decimal(38, x) quotient cast to decimal(38, 10) needs no macro. -#}
{% macro divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('divide', 'corporate_segmentation')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__divide(numerator, denominator) -%}
    {{ numerator }} / {{ denominator }}
{%- endmacro %}

{% macro spark__divide(numerator, denominator) -%}
    cast({{ numerator }} as double) / cast({{ denominator }} as double)
{%- endmacro %}
