{#- True when a raw amount is present but does not arrive as an exact amount in cents: it does not cast to
    decimal(18, 2), or the cast would round it (123.456 -> 123.46, -0.004 -> 0.00, past NEGATIVE_AMOUNT). The row is
    INVALID_VALUE (`is_uncastable`) instead of being rounded silently on both sides of the reconciliation
    (DECISIONLOG Q-007). Compared at 10 decimals, the precision of every reconciliation amount. -#}
{% macro is_inexact_amount(column) -%}
    ({{ column }} is not null and coalesce(
        {{ dbt.safe_cast(column, 'decimal(38, 10)') }} <> {{ dbt.safe_cast(column, 'decimal(18, 2)') }}, true
    ))
{%- endmacro %}
