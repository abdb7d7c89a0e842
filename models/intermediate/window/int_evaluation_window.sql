{#- 评价期 The evaluation window of this build (SPEC 4.1 and 8): one row. The window is
    (as_of_date - window_months months, as_of_date], both ends by calendar date with month arithmetic clamped to
    month end; the previous window, for growth, is the same length immediately before it. as_of_date defaults
    to the last balance date in the accepted data; a given one before the first accepted balance date or after the
    month-end of the last accepted balance or FX rate date stops the build here, before any rule or history table
    reads it (the build's on-run-start check compares it with the raw dates, which a stray row dated 2100
    stretches; DECISIONLOG Q-009). Without an as_of_date, deposit and loan balances that end on different dates
    stop the build here too: one stray accepted row dated after the extract would move the default (Q-013).
    is_month_end: only a month-end build is kept in the segment history (SPEC 4.9; DECISIONLOG H-011). -#}

with

deposit_balance_months as (

    select
        first_balance_date,
        last_balance_date
    from {{ ref('stg_bank__deposit_balances_by_month') }}

),

loan_balance_months as (

    select
        first_balance_date,
        last_balance_date
    from {{ ref('stg_bank__loan_balances_by_month') }}

),

fx_rates as (

    select rate_date from {{ ref('stg_bank__fx_rates') }}

),

deposit_balance_dates as (

    select
        min(first_balance_date) as first_deposit_balance_date,
        max(last_balance_date) as last_deposit_balance_date
    from deposit_balance_months

),

loan_balance_dates as (

    select
        min(first_balance_date) as first_loan_balance_date,
        max(last_balance_date) as last_loan_balance_date
    from loan_balance_months

),

balance_dates as (

    {#- least / greatest skip a null: a table without balances does not bound the dates (DuckDB and Spark). -#}
    select
        least(
            deposit_balance_dates.first_deposit_balance_date, loan_balance_dates.first_loan_balance_date
        ) as first_balance_date,
        greatest(
            deposit_balance_dates.last_deposit_balance_date, loan_balance_dates.last_loan_balance_date
        ) as last_balance_date,
        deposit_balance_dates.last_deposit_balance_date,
        loan_balance_dates.last_loan_balance_date
    from deposit_balance_dates
    cross join loan_balance_dates

),

last_fx_rate_date as (

    select max(rate_date) as last_fx_rate_date from fx_rates

),

data_dates as (

    {#- The last date of accepted data: the last balance date, or the last FX rate date when later. -#}
    select
        balance_dates.first_balance_date,
        balance_dates.last_balance_date,
        balance_dates.last_deposit_balance_date,
        balance_dates.last_loan_balance_date,
        greatest(
            balance_dates.last_balance_date,
            coalesce(last_fx_rate_date.last_fx_rate_date, balance_dates.last_balance_date)
        ) as last_data_date
    from balance_dates
    cross join last_fx_rate_date

),

data_bounds as (

    select
        first_balance_date,
        last_balance_date,
        last_deposit_balance_date,
        last_loan_balance_date,
        cast({{ dbt.last_day('last_data_date', 'month') }} as date) as last_data_month_end
    from data_dates

),

as_of as (

    select
        {%- if var('as_of_date') %}
            case
                when cast('{{ var("as_of_date") }}' as date) between first_balance_date and last_data_month_end
                    then cast('{{ var("as_of_date") }}' as date)
                else {{ raise_error(
                    "'as_of_date " ~ var('as_of_date') ~ " is outside the accepted data: pass a date from '"
                    ~ " || cast(first_balance_date as " ~ dbt.type_string() ~ ") || ' to '"
                    ~ " || cast(last_data_month_end as " ~ dbt.type_string() ~ ")"
                    ~ " || ' (the month-end of the last accepted balance or FX rate date)'") }}
            end as as_of_date,
            'VAR' as as_of_date_source
        {%- else %}
            case
                when last_deposit_balance_date <> last_loan_balance_date
                    then {{ raise_error(
                        "'as_of_date not given and the two balance tables end on different dates (deposits '"
                        ~ " || cast(last_deposit_balance_date as " ~ dbt.type_string() ~ ") || ', loans '"
                        ~ " || cast(last_loan_balance_date as " ~ dbt.type_string() ~ ")"
                        ~ " || '): a stray or late row would move it; pass as_of_date'") }}
                else last_balance_date
            end as as_of_date,
            'LAST_BALANCE_DATE' as as_of_date_source
        {%- endif %}
    from data_bounds

),

bounds as (

    select
        as_of_date,
        as_of_date_source,
        {{ var('window_months') }} as window_months,
        cast({{ dbt.dateadd('month', -1 * var('window_months'), 'as_of_date') }} as date) as window_start_exclusive,
        cast({{ dbt.dateadd('month', -2 * var('window_months'), 'as_of_date') }} as date)
            as previous_window_start_exclusive
    from as_of

),

final as (

    select
        as_of_date,
        as_of_date_source,
        as_of_date = cast({{ dbt.last_day('as_of_date', 'month') }} as date) as is_month_end,
        window_months,
        window_start_exclusive,
        cast({{ dbt.dateadd('day', 1, 'window_start_exclusive') }} as date) as window_first_date,
        {{ dbt.datediff('window_start_exclusive', 'as_of_date', 'day') }} as window_days,
        previous_window_start_exclusive,
        cast({{ dbt.dateadd('day', 1, 'previous_window_start_exclusive') }} as date) as previous_window_first_date,
        window_start_exclusive as previous_window_last_date,
        {{ dbt.datediff('previous_window_start_exclusive', 'window_start_exclusive', 'day') }}
            as previous_window_days
    from bounds

)

select * from final
