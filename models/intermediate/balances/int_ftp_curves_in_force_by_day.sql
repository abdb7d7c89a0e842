{#- The FTP curve in force on each day of both windows (SPEC 4.1 "curve valid on date d" = the latest
    curve_date <= d). Null curve_date = no curve yet (MISSING_FTP upstream). Lets daily balances join the curve
    by equality instead of a range join. -#}

with

curve_dates as (

    select distinct curve_date from {{ ref('stg_bank__ftp_curve') }}

),

calendar as (

    {{ date_spine(
        '(select previous_window_first_date from ' ~ ref('int_evaluation_window') ~ ')',
        '(select as_of_date from ' ~ ref('int_evaluation_window') ~ ')') }}

),

curve_periods as (

    select
        curve_date,
        lead(curve_date) over (order by curve_date) as next_curve_date
    from curve_dates

),

final as (

    select
        calendar.date_day,
        curve_periods.curve_date
    from calendar
    left join curve_periods
        on calendar.date_day >= curve_periods.curve_date
            and (calendar.date_day < curve_periods.next_curve_date or curve_periods.next_curve_date is null)

)

select * from final
