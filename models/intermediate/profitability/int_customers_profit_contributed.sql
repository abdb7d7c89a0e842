{#- 利润贡献度 Customer value to the bank for existing customers (SPEC 4.5, 5 and 8): one row per
    (as_of_date, customer_id) for every existing customer, every component of
    profit_contribution = loan_ftp_net_income + deposit_ftp_net_income + fee_net_income
                          - capital_cost - operating_cost - credit_cost
    stored separately: gross amounts (interest income, FTP charge / credit, fee income and expense, capital, tax,
    credit cost) are rounded half-up to the cent and every net, operating_cost and profit_contribution is the sum
    of the published parts, so each identity re-checks to the cent (DECISIONLOG P-009), the measurement basis of each component
    (OBSERVED / ALLOCATED / MODELLED), average daily balances, and RAROC =
    (profit_contribution + capital_cost) / average economic capital * raroc_annualisation_days / window_days. -#}

with

customers as (

    select
        as_of_date,
        window_first_date,
        window_days,
        customer_id,
        branch_code,
        region_code,
        national_size_class,
        avg_daily_deposit_cny,
        avg_daily_loan_cny
    from {{ ref('int_customers_profiled_for_profitability') }}

),

income as (

    select
        customer_id,
        loan_interest_income,
        loan_ftp_charge,
        deposit_interest_expense,
        deposit_ftp_credit,
        fee_income,
        fee_expense
    from {{ ref('int_income_joined_to_customer_months') }}

),

capital as (

    select
        customer_id,
        risk_weight,
        risk_weight_rule_code,
        capital_cost,
        avg_economic_capital_cny,
        risk_weight_parameter_version,
        capital_ratio_version,
        cost_of_capital_version
    from {{ ref('int_customers_capital_costed') }}

),

credit as (

    select
        customer_id,
        credit_cost,
        pd_parameter_version,
        pd_floor_parameter_version,
        lgd_parameter_version
    from {{ ref('int_customers_credit_costed') }}

),

allocations as (

    select
        customer_id,
        allocated_amount_cny,
        parameter_version
    from {{ ref('int_cost_pools_allocated_to_customers') }}

),

taxes as (

    select
        customer_id,
        tax_surcharge,
        is_vat_exempt_small_loan,
        parameter_version
    from {{ ref('int_customers_tax_surcharged') }}

),

components as (

    select
        component_code,
        measurement_basis,
        parameter_version
    from {{ ref('profit_components') }}

),

annualisation as (

    select
        raroc_annualisation_days,
        raroc_annualisation_days_version as parameter_version
    from {{ ref('int_policy_parameters_at_head_office') }}

),

income_totals as (

    select
        customer_id,
        sum(loan_interest_income) as loan_interest_income,
        sum(loan_ftp_charge) as loan_ftp_charge,
        sum(deposit_interest_expense) as deposit_interest_expense,
        sum(deposit_ftp_credit) as deposit_ftp_credit,
        sum(fee_income) as fee_income,
        sum(fee_expense) as fee_expense
    from income
    group by customer_id

),

allocation_totals as (

    select
        customer_id,
        sum(allocated_amount_cny) as allocated_operating_cost,
        {{ collect_distinct(['parameter_version']) }} as parameter_versions
    from allocations
    group by customer_id

),

component_bases as (

    select
        {%- for component in ['loan_ftp_net_income', 'deposit_ftp_net_income', 'fee_net_income', 'capital_cost',
            'allocated_operating_cost', 'tax_surcharge', 'credit_cost'] %}
            max(case when component_code = '{{ component | upper }}' then measurement_basis end)
                as {{ component }}_basis,
        {%- endfor %}
        max(parameter_version) as parameter_version
    from components

),

components_rounded as (

    select
        customers.as_of_date,
        customers.customer_id,
        customers.branch_code,
        customers.region_code,
        customers.window_first_date,
        customers.window_days,
        customers.national_size_class,
        cast(round(coalesce(income_totals.loan_interest_income, 0), 2) as decimal(18, 2))
            as loan_interest_income,
        cast(round(coalesce(income_totals.loan_ftp_charge, 0), 2) as decimal(18, 2)) as loan_ftp_charge,
        cast(round(coalesce(income_totals.deposit_interest_expense, 0), 2) as decimal(18, 2))
            as deposit_interest_expense,
        cast(round(coalesce(income_totals.deposit_ftp_credit, 0), 2) as decimal(18, 2))
            as deposit_ftp_credit,
        cast(round(coalesce(income_totals.fee_income, 0), 2) as decimal(18, 2)) as fee_income,
        cast(round(coalesce(income_totals.fee_expense, 0), 2) as decimal(18, 2)) as fee_expense,
        cast(capital.risk_weight as decimal(9, 4)) as risk_weight,
        capital.risk_weight_rule_code,
        cast(round(coalesce(capital.capital_cost, 0), 2) as decimal(18, 2)) as capital_cost,
        cast(coalesce(allocation_totals.allocated_operating_cost, 0) as decimal(18, 2)) as allocated_operating_cost,
        cast(round(coalesce(taxes.tax_surcharge, 0), 2) as decimal(18, 2)) as tax_surcharge,
        coalesce(taxes.is_vat_exempt_small_loan, false) as is_vat_exempt_small_loan,
        cast(round(coalesce(credit.credit_cost, 0), 2) as decimal(18, 2)) as credit_cost,
        cast(round(customers.avg_daily_deposit_cny, 2) as decimal(18, 2)) as avg_daily_deposit_cny,
        cast(round(customers.avg_daily_loan_cny, 2) as decimal(18, 2)) as avg_daily_loan_cny,
        coalesce(capital.avg_economic_capital_cny, 0) as avg_economic_capital_cny,
        {{ joined_distinct(
            values=['capital.risk_weight_parameter_version', 'capital.capital_ratio_version',
                'capital.cost_of_capital_version', 'credit.pd_parameter_version', 'credit.pd_floor_parameter_version',
                'credit.lgd_parameter_version', 'taxes.parameter_version', 'component_bases.parameter_version',
                'annualisation.parameter_version'],
            lists=['allocation_totals.parameter_versions']) }} as parameter_version
    from customers
    cross join component_bases
    cross join annualisation
    left join income_totals on customers.customer_id = income_totals.customer_id
    left join capital on customers.customer_id = capital.customer_id
    left join credit on customers.customer_id = credit.customer_id
    left join allocation_totals on customers.customer_id = allocation_totals.customer_id
    left join taxes on customers.customer_id = taxes.customer_id

),

nets_derived as (

    select
        *,
        cast(loan_interest_income - loan_ftp_charge as decimal(18, 2)) as loan_ftp_net_income,
        cast(deposit_ftp_credit - deposit_interest_expense as decimal(18, 2)) as deposit_ftp_net_income,
        cast(fee_income - fee_expense as decimal(18, 2)) as fee_net_income,
        cast(allocated_operating_cost + tax_surcharge as decimal(18, 2)) as operating_cost
    from components_rounded

),

profit_calculated as (

    select
        *,
        cast(
            loan_ftp_net_income + deposit_ftp_net_income + fee_net_income
            - capital_cost - operating_cost - credit_cost as decimal(18, 2)
        ) as profit_contribution
    from nets_derived

),

final as (

    select
        profit_calculated.as_of_date,
        profit_calculated.customer_id,
        profit_calculated.branch_code,
        profit_calculated.region_code,
        profit_calculated.window_first_date,
        cast(profit_calculated.window_days as integer) as window_days,
        profit_calculated.loan_interest_income,
        profit_calculated.loan_ftp_charge,
        profit_calculated.loan_ftp_net_income,
        profit_calculated.deposit_interest_expense,
        profit_calculated.deposit_ftp_credit,
        profit_calculated.deposit_ftp_net_income,
        profit_calculated.fee_income,
        profit_calculated.fee_expense,
        profit_calculated.fee_net_income,
        profit_calculated.national_size_class,
        profit_calculated.risk_weight_rule_code,
        profit_calculated.risk_weight,
        profit_calculated.capital_cost,
        profit_calculated.allocated_operating_cost,
        profit_calculated.is_vat_exempt_small_loan,
        profit_calculated.tax_surcharge,
        profit_calculated.operating_cost,
        profit_calculated.credit_cost,
        profit_calculated.profit_contribution,
        profit_calculated.avg_daily_deposit_cny,
        profit_calculated.avg_daily_loan_cny,
        cast(round(profit_calculated.avg_economic_capital_cny, 2) as decimal(18, 2)) as avg_economic_capital_cny,
        cast(
            round(
                case
                    when profit_calculated.avg_economic_capital_cny > 0
                        then {{ divide(
                            '(profit_calculated.profit_contribution + profit_calculated.capital_cost)',
                            'profit_calculated.avg_economic_capital_cny',
                        ) }}
                            * annualisation.raroc_annualisation_days / profit_calculated.window_days
                end,
                6
            ) as decimal(38, 6)
        ) as raroc,
        component_bases.loan_ftp_net_income_basis,
        component_bases.deposit_ftp_net_income_basis,
        component_bases.fee_net_income_basis,
        component_bases.capital_cost_basis,
        component_bases.allocated_operating_cost_basis,
        component_bases.tax_surcharge_basis,
        component_bases.credit_cost_basis,
        profit_calculated.parameter_version
    from profit_calculated
    cross join component_bases
    cross join annualisation

)

select * from final
