{#- FTP曲线(按日) The FTP curve in force on every day of base_bank__calendar (SPEC 4.1 "curve valid on date d" = the
    accepted curve with the latest curve_date <= d); null curve_date before the first curve (MISSING_FTP for
    demand-like deposits). Lets the daily balances join the curve by equality instead of a range join. -#}

with

curve_dates as (

    select distinct curve_date from {{ ref('stg_bank__ftp_curve') }}

),

calendar as (

    select date_day from {{ ref('base_bank__calendar') }}

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
