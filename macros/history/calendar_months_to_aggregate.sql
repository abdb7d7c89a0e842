{#- The CTEs with which a calendar-month store (DECISIONLOG H-003) decides the whole months of the two evaluation
    windows that this build aggregates, ending in `months_to_aggregate` (balance_month, month_last_date) and
    `date_range_to_aggregate` (first_date, last_date). A month is aggregated when the store does not hold it, or
    holds other totals than the daily rows of `daily_relation` now give: row count and CNY balance-days per month
    and `group_columns`. The daily rows are imported here a second time, apart from the model's own import of
    them: DuckDB materialises a CTE that two others read (all daily rows, ~3 s at 100k customers) and inlines a
    CTE read once (DECISIONLOG H-009). -#}
{% macro calendar_months_to_aggregate(daily_relation, group_columns=[]) -%}
daily_balances_totalled as (

    select
        balance_date,
        {%- for column in group_columns %}
        {{ column }},
        {%- endfor %}
        balance_cny
    from {{ daily_relation }}

),

window_months as (

    select
        balance_month,
        month_last_date
    from {{ ref('int_calendar_months_matched_to_windows') }}
    where is_whole_month

),

whole_months_range as (

    select
        min(balance_month) as first_date,
        max(month_last_date) as last_date
    from window_months

),

daily_totals as (

    select
        cast({{ dbt.date_trunc('month', 'daily_balances_totalled.balance_date') }} as date) as balance_month,
        {%- for column in group_columns %}
        daily_balances_totalled.{{ column }},
        {%- endfor %}
        count(*) as balance_days,
        sum(daily_balances_totalled.balance_cny) as balance_days_cny
    from daily_balances_totalled
    cross join whole_months_range
    where daily_balances_totalled.balance_date >= whole_months_range.first_date
        and daily_balances_totalled.balance_date <= whole_months_range.last_date
    group by
        cast({{ dbt.date_trunc('month', 'daily_balances_totalled.balance_date') }} as date)
        {%- for column in group_columns %},
        daily_balances_totalled.{{ column }}
        {%- endfor %}

),

stored_totals as (

    {% if is_incremental() -%}
        select
            balance_month,
            {%- for column in group_columns %}
            {{ column }},
            {%- endfor %}
            sum(balance_days) as balance_days,
            sum(balance_days_cny) as balance_days_cny
        from {{ this }}
        group by balance_month{% for column in group_columns %}, {{ column }}{% endfor %}
    {%- else -%}
        select
            cast(null as date) as balance_month,
            {%- for column in group_columns %}
            cast(null as {{ dbt.type_string() }}) as {{ column }},
            {%- endfor %}
            0 as balance_days,
            0 as balance_days_cny
    {%- endif %}

),

months_changed as (

    select distinct coalesce(daily_totals.balance_month, stored_totals.balance_month) as balance_month
    from daily_totals
    full outer join stored_totals
        on daily_totals.balance_month = stored_totals.balance_month
        {%- for column in group_columns %}
            and daily_totals.{{ column }} = stored_totals.{{ column }}
        {%- endfor %}
    where daily_totals.balance_days is null
        or stored_totals.balance_days is null
        or daily_totals.balance_days <> stored_totals.balance_days
        or daily_totals.balance_days_cny <> stored_totals.balance_days_cny

),

months_to_aggregate as (

    select
        window_months.balance_month,
        window_months.month_last_date
    from window_months
    inner join months_changed on window_months.balance_month = months_changed.balance_month

),

date_range_to_aggregate as (

    select
        min(balance_month) as first_date,
        max(month_last_date) as last_date
    from months_to_aggregate

)
{%- endmacro %}
