{#- 客户历史数据 The credit history label of every segmented party (SPEC 5; DECISIONLOG S-014), one row per party:
    the more severe of the worst five-level class and the worst internal risk grade among the party's loans with a
    balance > 0 in the window (seed credit_history_rules: 优质 GOOD / 一般 GENERAL / 风险 RISK); no such loan, or a
    prospect, = NO_CREDIT_HISTORY. int_parties_secondary_labelled adds the other secondary labels. -#}

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

final as (

    select
        parties.party_id,
        parties.party_kind,
        parties.industry_code,
        credit_history_labels.credit_history,
        credit_history_labels.label_zh as credit_history_zh,
        credit_history_decided.credit_history_basis,
        credit_history_labels.parameter_version as credit_history_version
    from parties
    inner join credit_history_decided on parties.party_id = credit_history_decided.party_id
    left join credit_history_labels on credit_history_decided.severity_rank = credit_history_labels.severity_rank

)

select * from final
