{#- 风险权重 One risk weight per existing customer for the window (SPEC 4.5 and 8), from the seed
    risk_weight_rules in force on the as-of date, first match by rule_precedence: real-estate development
    (industry K701*) 150%; national SMALL or MICRO enterprise (ENT) with on-balance exposure on the as-of date
    <= 10m CNY 75%; other national MEDIUM / SMALL / MICRO enterprise (ENT) 85%; else 100%. -#}

with

customers as (

    select
        customer_id,
        org_type,
        industry_code,
        national_size_class,
        on_balance_loan_cny_as_of
    from {{ ref('int_customers_profiled_for_profitability') }}

),

risk_weight_rules as (

    select * from {{ ref('risk_weight_rules') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

rules_in_force as (

    select risk_weight_rules.*
    from risk_weight_rules
    inner join evaluation_window
        on {{ is_in_force('risk_weight_rules', 'evaluation_window.as_of_date') }}

),

matching_rules as (

    select
        customers.customer_id,
        rules_in_force.rule_precedence,
        rules_in_force.rule_code,
        rules_in_force.risk_weight,
        rules_in_force.parameter_version,
        row_number() over (
            partition by customers.customer_id
            order by rules_in_force.rule_precedence, rules_in_force.rule_code
        ) as match_rank
    from customers
    inner join rules_in_force
        on (
            rules_in_force.industry_code_prefix is null
            or substring(customers.industry_code, 1, length(rules_in_force.industry_code_prefix))
            = rules_in_force.industry_code_prefix
        )
        and (rules_in_force.org_type is null or customers.org_type = rules_in_force.org_type)
        and (
            rules_in_force.national_size_class is null
            or customers.national_size_class = rules_in_force.national_size_class
        )
        and (
            rules_in_force.max_exposure_cny is null
            or customers.on_balance_loan_cny_as_of <= rules_in_force.max_exposure_cny
        )

),

final as (

    select
        customers.customer_id,
        customers.org_type,
        customers.industry_code,
        customers.national_size_class,
        customers.on_balance_loan_cny_as_of,
        matching_rules.rule_code as risk_weight_rule_code,
        matching_rules.risk_weight,
        matching_rules.parameter_version
    from customers
    left join matching_rules
        on customers.customer_id = matching_rules.customer_id
            and matching_rules.match_rank = 1

)

select * from final
