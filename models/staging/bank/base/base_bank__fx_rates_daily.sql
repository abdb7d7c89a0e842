{#- The FX rate in force on every calendar day (SPEC 4.1): the latest accepted rate on or before the day,
    carried forward to the last day of base_bank__calendar (the last date any raw balance, fee or rate is
    dated). Equi-joining on (currency, day) keeps the CNY conversion of the daily balance tables a hash join.
    CNY itself is 1 (macro `to_cny`). -#}

with

fx_rates as (

    select
        rate_date,
        currency,
        cny_per_unit
    from {{ ref('stg_bank__fx_rates') }}

),

calendar as (

    select date_day from {{ ref('base_bank__calendar') }}

),

rates_with_next_date as (

    select
        rate_date,
        currency,
        cny_per_unit,
        lead(rate_date) over (partition by currency order by rate_date) as next_rate_date
    from fx_rates

),

foreign_rates_by_day as (

    select
        rates_with_next_date.currency,
        calendar.date_day as rate_date,
        rates_with_next_date.cny_per_unit,
        rates_with_next_date.rate_date as source_rate_date
    from rates_with_next_date
    inner join calendar
        on rates_with_next_date.rate_date <= calendar.date_day
            and (rates_with_next_date.next_rate_date > calendar.date_day or rates_with_next_date.next_rate_date is null)
    where rates_with_next_date.currency <> 'CNY'

),

final as (

    select * from foreign_rates_by_day

)

select * from final
