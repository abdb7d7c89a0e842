{#- 客户群 The quadrant of every segmented party (SPEC 4.6, 4.8; DECISIONLOG S-013, S-015), one row per party: the
    row of seed quadrant_labels for the party's population and its (customer value level, bank value level),
    existing 重要/优质/普通/退出 and target 黄金/潜力/关注/一般. Labels may be overridden per region or branch with
    effective dates (branch > region > head office); the quadrant code of a cell never changes (tested), only
    its Chinese and English labels. -#}

with

parties as (

    select * from {{ ref('int_parties_thresholded') }}

),

labels as (

    select
        population,
        customer_value_level,
        bank_value_level,
        quadrant,
        quadrant_zh,
        quadrant_en,
        scope_type,
        scope_code,
        valid_from,
        valid_to,
        parameter_version
    from {{ ref('quadrant_labels') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

labels_in_force as (

    select labels.*
    from labels
    inner join evaluation_window
        on {{ is_in_force('labels', 'evaluation_window.as_of_date') }}

),

candidates as (

    select
        parties.party_id,
        labels_in_force.quadrant,
        labels_in_force.quadrant_zh,
        labels_in_force.quadrant_en,
        labels_in_force.parameter_version,
        labels_in_force.scope_type || ':' || labels_in_force.scope_code as label_source,
        row_number() over (
            partition by parties.party_id
            order by
                {{ scope_rank('labels_in_force', 'parties.branch_code', 'parties.region_code') }}
        ) as precedence_rank
    from parties
    inner join labels_in_force
        on parties.party_kind = labels_in_force.population
            and parties.customer_value_level = labels_in_force.customer_value_level
            and parties.bank_value_level = labels_in_force.bank_value_level
            and {{ scope_rank('labels_in_force', 'parties.branch_code', 'parties.region_code') }} is not null

),

final as (

    select
        parties.*,
        candidates.quadrant,
        candidates.quadrant_zh,
        candidates.quadrant_en,
        candidates.parameter_version as quadrant_label_version,
        candidates.label_source as quadrant_label_source
    from parties
    left join candidates
        on parties.party_id = candidates.party_id
            and candidates.precedence_rank = 1

)

select * from final
