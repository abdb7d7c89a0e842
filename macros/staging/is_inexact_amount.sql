{#- True when a raw amount is present but does not arrive as an exact amount in cents: it does not cast to
    decimal(18, 2) (text, a DOUBLE NaN or infinity, 1e20 past 18 digits), or the cast would round it (123.456 ->
    123.46, -0.004 -> 0.00, past NEGATIVE_AMOUNT). The row is INVALID_VALUE (`is_uncastable`) instead of being
    rounded silently on both sides of the reconciliation (DECISIONLOG Q-007). Exactness does not depend on the
    column's physical type (SPEC 3; DECISIONLOG Q-010): an amount is exact when it equals its cents at 10 decimals
    (every reconciliation amount's precision), or when it is its cents to the precision a DOUBLE carries (within
    1e-15 of its size, about 4 units in the last place): a DOUBLE holds 1234567.89 as 1234567.8899999998..., and a
    converter may land one unit further, 20530181.330000002, while 100.125 or 0.004 stay inexact. The later tests
    run only for the rows the first does not settle (a CASE, so DECIMAL columns pay nothing). -#}
{% macro is_inexact_amount(column) -%}
    {%- set number = dbt.safe_cast(column, 'double') -%}
    ({{ column }} is not null and case
        when {{ dbt.safe_cast(column, 'decimal(38, 10)') }} = {{ dbt.safe_cast(column, 'decimal(18, 2)') }} then false
        when {{ dbt.safe_cast(column, 'decimal(18, 2)') }} is null then true
        else coalesce(abs({{ number }} - round({{ number }}, 2)) > abs({{ number }}) * 1e-15, true)
    end)
{%- endmacro %}
