{#- 存款FTP期限匹配 FTP pricing of every accepted deposit account (SPEC 4.5 and 8): a TIME deposit is priced for
    life on the curve valid on its open_date at the smallest curve term >= term_months (the longest if none);
    DEMAND / NOTICE / AGREEMENT deposits are priced on the curve valid on each day at the behavioural term
    (policy parameter demand_deposit_behavioural_term_months), so their rate is resolved per curve in
    int_deposit_ftp_income_aggregated_to_customer_months. -#}

with

accounts as (

    select
        account_id,
        customer_id,
        product_code,
        interest_rate,
        term_months,
        open_date,
        close_date
    from {{ ref('stg_bank__deposit_accounts') }}

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

behavioural_term as (

    select
        demand_deposit_behavioural_term_months as behavioural_term_months,
        demand_deposit_behavioural_term_months_version as behavioural_term_parameter_version
    from {{ ref('int_policy_parameters_at_head_office') }}

),

accounts_with_pricing_basis as (

    select
        accounts.*,
        case when accounts.product_code = 'TIME' then 'ORIGINATION' else 'BEHAVIOURAL' end as ftp_pricing_basis,
        case
            when accounts.product_code = 'TIME' then accounts.term_months
            else cast(behavioural_term.behavioural_term_months as integer)
        end as ftp_pricing_term_months,
        case
            when accounts.product_code <> 'TIME' then behavioural_term.behavioural_term_parameter_version
        end as parameter_version
    from accounts
    cross join behavioural_term

),

accounts_with_curve as (

    select
        accounts_with_pricing_basis.*,
        curve_periods.curve_date as origination_curve_date
    from accounts_with_pricing_basis
    left join curve_periods
        on accounts_with_pricing_basis.ftp_pricing_basis = 'ORIGINATION'
            and accounts_with_pricing_basis.open_date >= curve_periods.curve_date
            and accounts_with_pricing_basis.open_date < curve_periods.valid_to_exclusive

),

final as (

    select
        accounts_with_curve.account_id,
        accounts_with_curve.customer_id,
        accounts_with_curve.product_code,
        accounts_with_curve.interest_rate,
        accounts_with_curve.open_date,
        accounts_with_curve.close_date,
        accounts_with_curve.ftp_pricing_basis,
        accounts_with_curve.ftp_pricing_term_months,
        accounts_with_curve.origination_curve_date as ftp_curve_date,
        curve_terms.term_months as ftp_term_months,
        curve_terms.ftp_rate,
        accounts_with_curve.parameter_version
    from accounts_with_curve
    left join curve_terms
        on accounts_with_curve.origination_curve_date = curve_terms.curve_date
            and accounts_with_curve.ftp_pricing_term_months > curve_terms.previous_term_months
            and (
                accounts_with_curve.ftp_pricing_term_months <= curve_terms.term_months
                or curve_terms.is_longest_term
            )

)

select * from final
