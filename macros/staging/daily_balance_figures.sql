{#- The figures of daily balances grouped together (base_bank__deposit_balances, base_bank__loan_balances), as
    aggregate expressions over the columns balance, balance_cny, balance_date, rejection_reason and row_fingerprint:
    every raw row counted (balance_rows) with its raw amount (reconciliation_amount) and the days it is dated on
    (key_day_bits, to find repeated days); of the accepted rows (rejection_reason null) the CNY balance-days,
    the days with a positive balance, the first and last dates and the days (day_of_month_bits); input_fingerprint
    sums the rows' fingerprints. -#}
{% macro daily_balance_figures() -%}
    count(*) as balance_rows,
    sum(cast(balance as decimal(38, 10))) as reconciliation_amount,
    sum(case when rejection_reason is null then balance_cny end) as balance_days_cny,
    sum(case when rejection_reason is null and balance > 0 then 1 else 0 end) as positive_balance_days,
    min(case when rejection_reason is null then balance_date end) as first_balance_date,
    max(case when rejection_reason is null then balance_date end) as last_balance_date,
    coalesce(bit_or(case when rejection_reason is null then {{ day_of_month_bit('balance_date') }} end), 0)
        as day_of_month_bits,
    coalesce(bit_or({{ day_of_month_bit('balance_date') }}), 0) as key_day_bits,
    sum(row_fingerprint) as input_fingerprint
{%- endmacro %}
