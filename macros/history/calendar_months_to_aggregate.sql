{#- The CTEs with which a calendar-month store (DECISIONLOG H-003, H-010) decides the whole months of the two
    evaluation windows that this build aggregates, ending in `months_to_aggregate` (balance_month, month_last_date,
    daily_rows_fingerprint) and `date_range_to_aggregate` (first_date, last_date). A month is aggregated when the
    store does not hold it, or holds it with another row count or fingerprint than its daily rows now give: the
    sum of row_fingerprint over `fingerprint_columns` of the accepted daily rows of `daily_relation` (every column
    the store reads), plus, for a store that also groups by a per-day context (`day_context_relation`, one row per
    date_day: the deposit store's FTP curve in force), the same over `day_context_columns` of the month's days. So
    any change to a month's rows - a balance moved from one account to another, a day's class swapped - is seen,
    not only a change of its totals. The store keeps the month's fingerprint on each of its rows. The daily rows are
    imported here a second time, apart from the model's own import of them: DuckDB materialises a CTE that two
    others read (all daily rows, ~3 s at 100k customers) and inlines a CTE read once (DECISIONLOG H-009). -#}
{% macro calendar_months_to_aggregate(
    daily_relation, fingerprint_columns, day_context_relation=none, day_context_columns=[]
) -%}
{#- (In a unit test `this` is the fixture's name, a string: nothing to check.) -#}
{%- if execute and is_incremental() and this is not string -%}
    {%- do require_stored_column(
        'daily_rows_fingerprint',
        'the calendar-month stores kept a fingerprint of their daily rows (DECISIONLOG H-010)') -%}
{%- endif -%}
daily_balances_fingerprinted as (

    select
        balance_date,
        {{ row_fingerprint(fingerprint_columns) }} as row_fingerprint
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
        cast({{ dbt.date_trunc('month', 'daily_balances_fingerprinted.balance_date') }} as date) as balance_month,
        count(*) as balance_days,
        sum(daily_balances_fingerprinted.row_fingerprint) as rows_fingerprint
    from daily_balances_fingerprinted
    cross join whole_months_range
    where daily_balances_fingerprinted.balance_date >= whole_months_range.first_date
        and daily_balances_fingerprinted.balance_date <= whole_months_range.last_date
    group by cast({{ dbt.date_trunc('month', 'daily_balances_fingerprinted.balance_date') }} as date)

),

{%- if day_context_relation is not none %}

day_context_totals as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as balance_month,
        sum({{ row_fingerprint(['date_day'] + day_context_columns) }}) as context_fingerprint
    from {{ day_context_relation }}
    group by cast({{ dbt.date_trunc('month', 'date_day') }} as date)

),
{%- endif %}

daily_months as (

    select
        daily_totals.balance_month,
        daily_totals.balance_days,
        {%- if day_context_relation is not none %}
        daily_totals.rows_fingerprint
        + coalesce(day_context_totals.context_fingerprint, 0) as daily_rows_fingerprint
        {%- else %}
        daily_totals.rows_fingerprint as daily_rows_fingerprint
        {%- endif %}
    from daily_totals
    {%- if day_context_relation is not none %}
    left join day_context_totals on daily_totals.balance_month = day_context_totals.balance_month
    {%- endif %}

),

{%- if is_incremental() %}

stored_months as (

    select
        balance_month,
        sum(balance_days) as balance_days,
        max(daily_rows_fingerprint) as daily_rows_fingerprint
    from {{ this }}
    group by balance_month

),
{%- endif %}

months_changed as (

    {% if is_incremental() -%}
        select
            coalesce(daily_months.balance_month, stored_months.balance_month) as balance_month,
            daily_months.daily_rows_fingerprint
        from daily_months
        full outer join stored_months on daily_months.balance_month = stored_months.balance_month
        where daily_months.balance_days is null
            or stored_months.balance_days is null
            or daily_months.balance_days <> stored_months.balance_days
            or daily_months.daily_rows_fingerprint <> stored_months.daily_rows_fingerprint
    {%- else -%}
        select
            balance_month,
            daily_rows_fingerprint
        from daily_months
    {%- endif %}

),

months_to_aggregate as (

    select
        window_months.balance_month,
        window_months.month_last_date,
        months_changed.daily_rows_fingerprint
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
