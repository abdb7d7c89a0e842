{#- 期限匹配 FTP term brackets (SPEC 4.1 and 8): every curve point with the range of original terms it prices
    and the dates the curve is valid. An original term n (whole months, rounded up) is priced at the smallest
    curve term >= n, or at the longest term when n is beyond it: curve term t serves
    previous_term_months < n <= t, and the longest term serves every n > previous_term_months. A curve is valid
    from its curve_date until the next curve_date (exclusive). -#}

with

ftp_curve as (

    select
        curve_date,
        term_months,
        ftp_rate
    from {{ ref('stg_bank__ftp_curve') }}

),

curve_dates as (

    select distinct curve_date from ftp_curve

),

curve_validity as (

    select
        curve_date,
        lead(curve_date) over (order by curve_date) as next_curve_date
    from curve_dates

),

terms_ordered as (

    select
        curve_date,
        term_months,
        ftp_rate,
        lag(term_months) over (partition by curve_date order by term_months) as previous_term_months,
        lead(term_months) over (partition by curve_date order by term_months) is null as is_longest_term
    from ftp_curve

),

final as (

    select
        terms_ordered.curve_date,
        curve_validity.next_curve_date,
        terms_ordered.term_months,
        terms_ordered.ftp_rate,
        coalesce(terms_ordered.previous_term_months, 0) as previous_term_months,
        terms_ordered.is_longest_term
    from terms_ordered
    inner join curve_validity on terms_ordered.curve_date = curve_validity.curve_date

)

select * from final
