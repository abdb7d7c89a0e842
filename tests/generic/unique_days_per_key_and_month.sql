{#- Fails for every (key, month) of a monthly balance model (stg_bank__*_balances_by_month) in which a day was
    accepted more than once: the balance days summed exceed the distinct days marked in day_of_month_bits (macro
    day_of_month_bit). The daily key (key, balance_date) is unique among accepted balances without reading the
    daily rows. -#}
{% test unique_days_per_key_and_month(model, key_column) %}

with

key_months as (

    select
        {{ key_column }},
        balance_month,
        sum(balance_days) as balance_days,
        bit_count(bit_or(day_of_month_bits)) as distinct_days
    from {{ model }}
    group by {{ key_column }}, balance_month

)

select * from key_months
where balance_days > distinct_days

{% endtest %}
