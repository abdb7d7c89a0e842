{#- 评价期自然月 Every calendar month that has at least one day in the current or previous evaluation window of
    this build (SPEC 4.1 and 8; DECISIONLOG H-014). A month lying wholly inside one window is taken from the
    monthly figures of staging (month_source MONTHLY_FIGURES, window_period CURRENT or PREVIOUS); a month the
    window bounds cut (the as-of month when as_of is not a month end, the months of the two window starts when
    those are not month ends, e.g. 2024-02-29 after an as-of of 2025-02-28) is summed from the daily rows of its
    days (DAILY_ROWS, window_period null: decided per day). is_whole_month: every day of the month lies in
    (previous_window_start_exclusive, as_of_date]. -#}

with

evaluation_window as (

    select
        as_of_date,
        window_start_exclusive,
        previous_window_start_exclusive,
        previous_window_first_date
    from {{ ref('int_evaluation_window') }}

),

days_in_windows as (

    {{ date_spine(
        '(select previous_window_first_date from evaluation_window)',
        '(select as_of_date from evaluation_window)') }}

),

months_in_windows as (

    select
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as balance_month,
        min(date_day) as first_date_in_windows,
        max(date_day) as last_date_in_windows
    from days_in_windows
    group by cast({{ dbt.date_trunc('month', 'date_day') }} as date)

),

month_bounds as (

    select
        balance_month,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'balance_month')) }} as date) as month_last_date,
        first_date_in_windows,
        last_date_in_windows
    from months_in_windows

),

months_classified as (

    select
        month_bounds.balance_month,
        month_bounds.month_last_date,
        month_bounds.first_date_in_windows,
        month_bounds.last_date_in_windows,
        month_bounds.balance_month > evaluation_window.previous_window_start_exclusive
        and month_bounds.month_last_date <= evaluation_window.as_of_date as is_whole_month,
        case
            when month_bounds.balance_month > evaluation_window.window_start_exclusive then 'CURRENT'
            when month_bounds.month_last_date <= evaluation_window.window_start_exclusive then 'PREVIOUS'
        end as whole_month_window_period
    from month_bounds
    cross join evaluation_window

),

final as (

    select
        balance_month,
        month_last_date,
        first_date_in_windows,
        last_date_in_windows,
        is_whole_month,
        case
            when is_whole_month and whole_month_window_period is not null then 'MONTHLY_FIGURES'
            else 'DAILY_ROWS'
        end as month_source,
        case when is_whole_month then whole_month_window_period end as window_period
    from months_classified

)

select * from final
