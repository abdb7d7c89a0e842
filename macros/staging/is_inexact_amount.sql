{#- True when a raw amount is present but does not arrive as an exact amount in cents: it does not cast to
    decimal(18, 2), or the cast would round it (123.456 -> 123.46, -0.004 -> 0.00, past NEGATIVE_AMOUNT). The row is
    INVALID_VALUE (`is_uncastable`) instead of being rounded silently on both sides of the reconciliation
    (DECISIONLOG Q-007). Exactness does not depend on the column's physical type (SPEC 3; DECISIONLOG Q-008): an
    amount is exact when it equals its cents at 10 decimals (every reconciliation amount's precision), or when its
    shortest text does - a DOUBLE holding 1234567.89 is 1234567.8899999998... at 10 decimals but reads
    '1234567.89', while 0.125 reads '0.125' and stays inexact. The text is only read for the rows the first test
    does not settle (a CASE, so DECIMAL columns pay nothing). -#}
{% macro is_inexact_amount(column) -%}
    {%- set text = 'cast(' ~ column ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    ({{ column }} is not null and case
        when {{ dbt.safe_cast(column, 'decimal(38, 10)') }} = {{ dbt.safe_cast(column, 'decimal(18, 2)') }} then false
        else coalesce(
            {{ dbt.safe_cast(text, 'decimal(38, 10)') }} <> {{ dbt.safe_cast(text, 'decimal(18, 2)') }}, true
        )
    end)
{%- endmacro %}
