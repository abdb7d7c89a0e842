{#- 辅助标签 The secondary labels of the scheme for every segmented party (issue 5; DECISIONLOG S-014), one row per
    party. Credit history 客户历史数据 (优质/一般/风险): the more severe of the worst five-level class and the worst
    internal risk grade among the party's loans with a balance > 0 in the window (seed credit_history_rules); no
    such loan, or a prospect, = NO_CREDIT_HISTORY. Needs 客户需求特征 (信贷/结算/投融资): the need categories of the
    product families held in the window (seed product_family_needs), joined with ';' in the seed's order; null for
    prospects (no product usage). Industry 行业特征: the GB/T 4754 section of the industry code (seed
    industry_sections). Region 地区特征 is the party's region_code. -#}

with

parties as (

    select
        party_id,
        party_kind,
        industry_code
    from {{ ref('int_parties_tiered') }}

),

loan_months as (

    select
        customer_id,
        loan_id,
        five_level_class
    from {{ ref('int_loan_balances_aggregated_to_months') }}
    where window_period = 'CURRENT'
        and positive_balance_days > 0

),

loans as (

    select
        loan_id,
        risk_grade
    from {{ ref('stg_bank__loans') }}

),

families_held as (

    select
        customer_id,
        product_family
    from {{ ref('int_product_families_held_by_customers') }}

),

credit_history_rules as (

    select
        rule_input,
        five_level_class,
        risk_grade_min,
        risk_grade_max,
        credit_history,
        severity_rank,
        label_zh,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('credit_history_rules') }}

),

product_family_needs as (

    select
        product_family,
        need_category,
        need_order,
        need_zh,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('product_family_needs') }}

),

industry_sections as (

    select
        industry_section,
        label_zh,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('industry_sections') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

credit_history_rules_in_force as (

    select credit_history_rules.*
    from credit_history_rules
    inner join evaluation_window
        on {{ is_in_force('credit_history_rules', 'evaluation_window.as_of_date') }}

),

credit_history_labels as (

    select
        severity_rank,
        max(credit_history) as credit_history,
        max(label_zh) as label_zh,
        max(parameter_version) as parameter_version
    from credit_history_rules_in_force
    group by severity_rank

),

product_family_needs_in_force as (

    select product_family_needs.*
    from product_family_needs
    inner join evaluation_window
        on {{ is_in_force('product_family_needs', 'evaluation_window.as_of_date') }}

),

industry_sections_in_force as (

    select industry_sections.*
    from industry_sections
    inner join evaluation_window
        on {{ is_in_force('industry_sections', 'evaluation_window.as_of_date') }}

),

worst_class_in_window as (

    select
        loan_months.customer_id,
        max(credit_history_rules_in_force.severity_rank) as class_severity_rank
    from loan_months
    inner join credit_history_rules_in_force
        on credit_history_rules_in_force.rule_input = 'FIVE_LEVEL_CLASS'
            and loan_months.five_level_class = credit_history_rules_in_force.five_level_class
    group by loan_months.customer_id

),

worst_grade_in_window as (

    select
        loan_months.customer_id,
        max(loans.risk_grade) as worst_risk_grade
    from loan_months
    inner join loans on loan_months.loan_id = loans.loan_id
    group by loan_months.customer_id

),

worst_grade_severity as (

    select
        worst_grade_in_window.customer_id,
        worst_grade_in_window.worst_risk_grade,
        credit_history_rules_in_force.severity_rank as grade_severity_rank
    from worst_grade_in_window
    inner join credit_history_rules_in_force
        on credit_history_rules_in_force.rule_input = 'RISK_GRADE'
            and worst_grade_in_window.worst_risk_grade
            between credit_history_rules_in_force.risk_grade_min and credit_history_rules_in_force.risk_grade_max

),

worst_class_named as (

    select
        worst_class_in_window.customer_id,
        worst_class_in_window.class_severity_rank,
        min(credit_history_rules_in_force.five_level_class) as worst_five_level_class
    from worst_class_in_window
    inner join credit_history_rules_in_force
        on credit_history_rules_in_force.rule_input = 'FIVE_LEVEL_CLASS'
            and worst_class_in_window.class_severity_rank = credit_history_rules_in_force.severity_rank
    group by worst_class_in_window.customer_id, worst_class_in_window.class_severity_rank

),

credit_history_decided as (

    select
        parties.party_id,
        case
            when worst_class_named.class_severity_rank is null and worst_grade_severity.grade_severity_rank is null
                then 0
            when worst_grade_severity.grade_severity_rank is null then worst_class_named.class_severity_rank
            when worst_class_named.class_severity_rank is null then worst_grade_severity.grade_severity_rank
            when worst_class_named.class_severity_rank >= worst_grade_severity.grade_severity_rank
                then worst_class_named.class_severity_rank
            else worst_grade_severity.grade_severity_rank
        end as severity_rank,
        nullif(concat_ws(
            ';',
            case when parties.party_kind = 'TARGET' then 'PROSPECT_NO_CREDIT_HISTORY' end,
            case
                when parties.party_kind = 'EXISTING'
                    and worst_class_named.customer_id is null and worst_grade_severity.customer_id is null
                    then 'NO_LOAN_BALANCE_IN_WINDOW'
            end,
            'WORST_CLASS_' || worst_class_named.worst_five_level_class,
            'WORST_RISK_GRADE_' || cast(worst_grade_severity.worst_risk_grade as {{ dbt.type_string() }})
        ), '') as credit_history_basis
    from parties
    left join worst_class_named
        on parties.party_kind = 'EXISTING'
            and parties.party_id = worst_class_named.customer_id
    left join worst_grade_severity
        on parties.party_kind = 'EXISTING'
            and parties.party_id = worst_grade_severity.customer_id

),

needs_held as (

    select distinct
        families_held.customer_id,
        product_family_needs_in_force.need_category,
        product_family_needs_in_force.need_order,
        product_family_needs_in_force.need_zh,
        product_family_needs_in_force.parameter_version
    from families_held
    inner join product_family_needs_in_force
        on families_held.product_family = product_family_needs_in_force.product_family

),

needs_listed as (

    select
        customer_id,
        {{ dbt.listagg('need_category', "';'", 'order by need_order') }} as needs,
        {{ dbt.listagg('need_zh', "';'", 'order by need_order') }} as needs_zh,
        max(parameter_version) as needs_version
    from needs_held
    group by customer_id

),

final as (

    select
        evaluation_window.as_of_date,
        parties.party_id,
        parties.party_kind,
        credit_history_labels.credit_history,
        credit_history_labels.label_zh as credit_history_zh,
        credit_history_decided.credit_history_basis,
        needs_listed.needs,
        needs_listed.needs_zh,
        industry_sections_in_force.industry_section,
        industry_sections_in_force.label_zh as industry_section_zh,
        credit_history_labels.parameter_version as credit_history_version,
        needs_listed.needs_version,
        industry_sections_in_force.parameter_version as industry_section_version
    from parties
    cross join evaluation_window
    inner join credit_history_decided on parties.party_id = credit_history_decided.party_id
    left join credit_history_labels on credit_history_decided.severity_rank = credit_history_labels.severity_rank
    left join needs_listed
        on parties.party_kind = 'EXISTING'
            and parties.party_id = needs_listed.customer_id
    left join industry_sections_in_force
        on upper(substring(parties.industry_code, 1, 1)) = industry_sections_in_force.industry_section

)

select * from final
