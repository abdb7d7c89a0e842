{#- 分类 Classification of every party to segment (SPEC 4.2 and 8; DECISIONLOG C-006 to C-009), from its market
    class and best emerging tag (int_parties_classified_by_market): 有贷户 and prospects of the corporate class get
    the first matching row of corporate_sub_classes by precedence (real estate by industry prefix > emerging
    market by tag > traditional); institutions with loans are INSTITUTIONAL; 无贷户 are CORPORATE_NO_LOAN /
    INSTITUTIONAL_NO_LOAN; an unknown org type is UNCLASSIFIED. The emerging group is filled only when the
    sub-class is EMERGING. -#}

with

parties as (

    select * from {{ ref('int_parties_classified_by_market') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

sub_classes as (

    select
        sub_class,
        precedence,
        match_rule,
        industry_prefix,
        reason_code,
        large_sales_parameter_code,
        reduced_large_sales_parameter_code,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('corporate_sub_classes') }}

),

sub_classes_in_force as (

    select sub_classes.*
    from sub_classes
    inner join evaluation_window
        on {{ is_in_force('sub_classes', 'evaluation_window.as_of_date') }}

),

corporate_sub_class_matches as (

    select
        parties.party_id,
        sub_classes_in_force.sub_class,
        sub_classes_in_force.match_rule,
        min(sub_classes_in_force.precedence) as precedence
    from parties
    inner join sub_classes_in_force
        on (
            sub_classes_in_force.match_rule = 'INDUSTRY_PREFIX'
            and parties.industry_code like sub_classes_in_force.industry_prefix || '%'
        )
        or (
            sub_classes_in_force.match_rule = 'EMERGING_TAG'
            and parties.best_emerging_group is not null
        )
        or sub_classes_in_force.match_rule = 'ALWAYS'
    where parties.market_class = 'CORPORATE'
        and parties.loan_status in ('WITH_LOAN', 'PROSPECT')
    group by
        parties.party_id,
        sub_classes_in_force.sub_class,
        sub_classes_in_force.match_rule

),

corporate_sub_class_matches_ranked as (

    select
        *,
        row_number() over (partition by party_id order by precedence, sub_class) as match_rank
    from corporate_sub_class_matches

),

corporate_sub_classes_decided as (

    select
        matches_ranked.party_id,
        max(case when matches_ranked.match_rank = 1 then matches_ranked.sub_class end) as sub_class,
        max(case when matches_ranked.match_rank = 1 then matches_ranked.precedence end) as precedence,
        max(case when matches_ranked.match_rank = 2 and matches_ranked.match_rule <> 'ALWAYS'
                then 'ALSO_MATCHED_' || matches_ranked.sub_class
        end) as second_match_reason,
        max(case when matches_ranked.match_rank = 3 and matches_ranked.match_rule <> 'ALWAYS'
                then 'ALSO_MATCHED_' || matches_ranked.sub_class
        end) as third_match_reason
    from corporate_sub_class_matches_ranked as matches_ranked
    group by matches_ranked.party_id

),

corporate_sub_class_rows as (

    select
        corporate_sub_classes_decided.party_id,
        corporate_sub_classes_decided.sub_class,
        corporate_sub_classes_decided.second_match_reason,
        corporate_sub_classes_decided.third_match_reason,
        max(sub_classes_in_force.reason_code) as reason_code,
        max(sub_classes_in_force.large_sales_parameter_code) as large_sales_parameter_code,
        max(sub_classes_in_force.reduced_large_sales_parameter_code) as reduced_large_sales_parameter_code,
        max(sub_classes_in_force.parameter_version) as parameter_version
    from corporate_sub_classes_decided
    inner join sub_classes_in_force
        on corporate_sub_classes_decided.sub_class = sub_classes_in_force.sub_class
            and corporate_sub_classes_decided.precedence = sub_classes_in_force.precedence
    group by
        corporate_sub_classes_decided.party_id,
        corporate_sub_classes_decided.sub_class,
        corporate_sub_classes_decided.second_match_reason,
        corporate_sub_classes_decided.third_match_reason

),

parties_sub_classed as (

    select
        parties.*,
        corporate_sub_class_rows.large_sales_parameter_code,
        corporate_sub_class_rows.reduced_large_sales_parameter_code,
        case
            when parties.market_class = 'UNCLASSIFIED' then 'UNCLASSIFIED'
            when parties.loan_status = 'NO_LOAN'
                then parties.market_class || '_NO_LOAN'
            when parties.market_class = 'INSTITUTIONAL' then 'INSTITUTIONAL'
            else corporate_sub_class_rows.sub_class
        end as sub_class,
        case
            when parties.market_class = 'UNCLASSIFIED' then 'UNKNOWN_ORG_TYPE'
            when parties.loan_status = 'NO_LOAN'
                then parties.market_class || '_NO_LOAN_BY_ORG_TYPE'
            when parties.market_class = 'INSTITUTIONAL' then 'INSTITUTIONAL_BY_ORG_TYPE'
            else corporate_sub_class_rows.reason_code
        end as sub_class_reason,
        corporate_sub_class_rows.second_match_reason,
        corporate_sub_class_rows.third_match_reason,
        coalesce(corporate_sub_class_rows.parameter_version, parties.market_class_version)
            as classification_version
    from parties
    left join corporate_sub_class_rows
        on parties.party_id = corporate_sub_class_rows.party_id

),

final as (

    select
        party_id,
        party_kind,
        party_name,
        uscc,
        org_type,
        industry_code,
        branch_code,
        region_code,
        group_id,
        admin_level,
        annual_sales_cny,
        total_assets_cny,
        employees,
        avg_daily_deposit_cny,
        loan_status,
        market_class,
        sub_class,
        case when sub_class = 'EMERGING' then best_emerging_group end as emerging_group,
        concat_ws(
            ';',
            case loan_status
                when 'WITH_LOAN' then 'LOAN_BALANCE_AS_OF'
                when 'NO_LOAN' then 'NO_LOAN_BALANCE_AS_OF'
                when 'PROSPECT' then 'PROSPECT_AS_IF_WITH_LOAN'
            end,
            sub_class_reason,
            case when sub_class = 'EMERGING' then 'EMERGING_GROUP_' || best_emerging_group end,
            case when sub_class = 'EMERGING' and emerging_tag_count > 1 then 'MULTIPLE_EMERGING_TAGS' end,
            second_match_reason,
            third_match_reason
        ) as classification_reason,
        case
            when sub_class = 'EMERGING' and emerging_group_version <> classification_version
                then classification_version || ';' || emerging_group_version
            else classification_version
        end as classification_version,
        large_sales_parameter_code,
        reduced_large_sales_parameter_code,
        data_quality_flags
    from parties_sub_classed

)

select * from final
