{#- Fails for every (key, calendar month) in which a date occurs more than once: the composite key
    (key_columns..., date_column) is unique. Exact, and cheaper than grouping by the whole key on a daily table:
    it groups by key and month (about 30x fewer groups) and compares the row count with the number of distinct
    days, read from a bit mask of the days of the month (`day_of_month_bit`, bit_or, bit_count).
    Rows with a null date are not checked (not_null tests do that). DECISIONLOG H-009. -#}
{% test unique_date_per_key(model, key_columns, date_column) %}

with

key_months as (

    select
        {{ key_columns | join(', ') }},
        cast({{ dbt.date_trunc('month', date_column) }} as date) as key_month,
        count(*) as occurrences,
        bit_count(bit_or({{ day_of_month_bit(date_column) }})) as distinct_days
    from {{ model }}
    where {{ date_column }} is not null
    group by {{ key_columns | join(', ') }}, cast({{ dbt.date_trunc('month', date_column) }} as date)

)

select * from key_months
where occurrences > distinct_days

{% endtest %}
