{#- 贷款FTP期限匹配 Matched-maturity FTP rate of every accepted loan (SPEC 4.5 and 8): the original term is the
    smallest n with start_date + n months >= maturity_date (month arithmetic clamped to month end); the loan is
    priced for life on the curve valid on its start_date (latest curve_date <= start_date, also when the start
    is before the window) at the smallest curve term >= n, or the longest term when n is beyond the curve. -#}

with

loans as (

    select
        loan_id,
        customer_id,
        product_code,
        start_date,
        maturity_date,
        interest_rate,
        collateral_type,
        risk_grade
    from {{ ref('stg_bank__loans') }}

),

loan_products as (

    select
        product_code,
        balance_sheet
    from {{ ref('product_families') }}
    where product_kind = 'LOAN'

),

curve_terms as (

    select * from {{ ref('int_ftp_curve_terms_bracketed') }}

),

curve_periods as (

    {#- One row per curve with a closed validity range, so the date lookup is a plain two-sided range join
        (fast interval join) and the term lookup an equi-join on curve_date. -#}
    select distinct
        curve_date,
        coalesce(next_curve_date, cast('9999-12-31' as date)) as valid_to_exclusive
    from curve_terms

),

month_differences as (

    select
        *,
        {{ dbt.datediff('start_date', 'maturity_date', 'month') }} as approximate_term_months
    from loans

),

original_terms as (

    {#- The month difference of the engine may count boundaries or whole months: the answer is within one of it. -#}
    select
        *,
        case
            when cast({{ dbt.dateadd('month', 'approximate_term_months - 1', 'start_date') }} as date)
                >= maturity_date then approximate_term_months - 1
            when cast({{ dbt.dateadd('month', 'approximate_term_months', 'start_date') }} as date)
                >= maturity_date then approximate_term_months
            else approximate_term_months + 1
        end as original_term_months
    from month_differences

),

loans_with_curve as (

    select
        original_terms.*,
        curve_periods.curve_date as ftp_curve_date
    from original_terms
    left join curve_periods
        on original_terms.start_date >= curve_periods.curve_date
            and original_terms.start_date < curve_periods.valid_to_exclusive

),

final as (

    select
        loans_with_curve.loan_id,
        loans_with_curve.customer_id,
        loans_with_curve.product_code,
        loan_products.balance_sheet = 'ON' as is_on_balance,
        loans_with_curve.start_date,
        loans_with_curve.maturity_date,
        loans_with_curve.interest_rate,
        loans_with_curve.collateral_type,
        loans_with_curve.risk_grade,
        loans_with_curve.original_term_months,
        loans_with_curve.ftp_curve_date,
        curve_terms.term_months as ftp_term_months,
        curve_terms.ftp_rate
    from loans_with_curve
    inner join loan_products on loans_with_curve.product_code = loan_products.product_code
    left join curve_terms
        on loans_with_curve.ftp_curve_date = curve_terms.curve_date
            and loans_with_curve.original_term_months > curve_terms.previous_term_months
            and (loans_with_curve.original_term_months <= curve_terms.term_months or curve_terms.is_longest_term)

)

select * from final
