{#- 税金及附加 VAT surcharges per existing customer over the window (SPEC 4.5 and 8):
    (on-balance loan interest income, left out for VAT-exempt customers, + gross fee income) * vat_rate *
    vat_surcharge_rate. VAT-exempt = the small-loan exemption switch is on, the customer is an enterprise (ENT)
    of national size SMALL or MICRO, and its on-balance loan exposure on the as-of date is <= the exemption cap.
    Rates, switch and cap resolve branch > region > head office. -#}

with

customers as (

    select
        customer_id,
        branch_code,
        region_code,
        org_type,
        national_size_class,
        on_balance_loan_cny_as_of
    from {{ ref('int_customers_profiled_for_profitability') }}

),

income as (

    select
        customer_id,
        loan_interest_income,
        fee_income
    from {{ ref('int_income_joined_to_customer_months') }}

),

branch_parameters as (

    select
        branch_code,
        region_code,
        max(case when parameter_code = 'vat_rate' then value_number end) as vat_rate,
        max(case when parameter_code = 'vat_surcharge_rate' then value_number end) as vat_surcharge_rate,
        max(case when parameter_code = 'small_loan_vat_exemption' then value_number end)
            as small_loan_vat_exemption,
        max(case when parameter_code = 'small_loan_vat_exemption_cap_cny' then value_number end)
            as small_loan_vat_exemption_cap_cny,
        max(case when parameter_code = 'vat_rate' then parameter_version end) as parameter_version
    from {{ ref('int_policy_parameters_by_branch') }}
    where parameter_code in (
            'vat_rate', 'vat_surcharge_rate', 'small_loan_vat_exemption', 'small_loan_vat_exemption_cap_cny'
        )
    group by branch_code, region_code

),

head_office_parameters as (

    {#- Fallback for a customer without a branch (no row in int_policy_parameters_by_branch matches a null). -#}
    select
        vat_rate,
        vat_surcharge_rate,
        small_loan_vat_exemption,
        small_loan_vat_exemption_cap_cny,
        vat_rate_version as parameter_version
    from {{ ref('int_policy_parameters_at_head_office') }}

),

income_totals as (

    select
        customer_id,
        sum(loan_interest_income) as loan_interest_income,
        sum(fee_income) as fee_income
    from income
    group by customer_id

),

customers_with_exemption as (

    select
        customers.customer_id,
        cast(coalesce(income_totals.loan_interest_income, 0) as decimal(38, 10)) as loan_interest_income,
        cast(coalesce(income_totals.fee_income, 0) as decimal(38, 10)) as fee_income,
        coalesce(
            coalesce(branch_parameters.small_loan_vat_exemption, head_office_parameters.small_loan_vat_exemption) = 1
            and customers.org_type = 'ENT'
            and customers.national_size_class in ('SMALL', 'MICRO')
            and customers.on_balance_loan_cny_as_of <= coalesce(
                branch_parameters.small_loan_vat_exemption_cap_cny,
                head_office_parameters.small_loan_vat_exemption_cap_cny
            ),
            false
        ) as is_vat_exempt_small_loan,
        coalesce(branch_parameters.vat_rate, head_office_parameters.vat_rate) as vat_rate,
        coalesce(branch_parameters.vat_surcharge_rate, head_office_parameters.vat_surcharge_rate)
            as vat_surcharge_rate,
        coalesce(branch_parameters.parameter_version, head_office_parameters.parameter_version) as parameter_version
    from customers
    cross join head_office_parameters
    left join income_totals on customers.customer_id = income_totals.customer_id
    left join branch_parameters
        on customers.branch_code = branch_parameters.branch_code
            and customers.region_code = branch_parameters.region_code

),

final as (

    select
        customer_id,
        loan_interest_income,
        fee_income,
        is_vat_exempt_small_loan,
        case when is_vat_exempt_small_loan then 0 else loan_interest_income end as vat_taxable_interest_income,
        vat_rate,
        vat_surcharge_rate,
        cast(
            cast(
                (case when is_vat_exempt_small_loan then 0 else loan_interest_income end + fee_income) * vat_rate
                as decimal(38, 10)
            ) * vat_surcharge_rate as decimal(38, 10)
        ) as tax_surcharge,
        parameter_version
    from customers_with_exemption

)

select * from final
