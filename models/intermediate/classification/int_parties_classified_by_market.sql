{#- 市场性质 The first steps of the classification of every party to segment (SPEC 4.2 and 8; DECISIONLOG C-006,
    C-008): the market class by org_type (seed org_type_market_classes; an unknown or null org_type is
    UNCLASSIFIED) and, for an existing customer, its emerging-market tag of best precedence (seed
    emerging_tag_precedence; tags compared upper-case, unknown tags ignored) with the number of such tags.
    int_parties_classified decides the sub-class from them. -#}

with

parties as (

    select * from {{ ref('int_parties_unioned') }}

),

customer_tags as (

    select
        customer_id,
        upper(tag) as tag
    from {{ ref('stg_bank__customer_tags') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

market_classes as (

    select
        org_type,
        market_class,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('org_type_market_classes') }}

),

tag_precedence as (

    select
        tag,
        emerging_group,
        precedence,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('emerging_tag_precedence') }}

),

emerging_tags_ranked as (

    select
        customer_tags.customer_id,
        tag_precedence.emerging_group,
        tag_precedence.parameter_version,
        count(*) over (partition by customer_tags.customer_id) as emerging_tag_count,
        row_number() over (
            partition by customer_tags.customer_id
            order by tag_precedence.precedence, tag_precedence.tag
        ) as tag_rank
    from customer_tags
    cross join evaluation_window
    inner join tag_precedence
        on customer_tags.tag = tag_precedence.tag
            and {{ is_in_force('tag_precedence', 'evaluation_window.as_of_date') }}

),

final as (

    select
        parties.*,
        coalesce(market_classes.market_class, 'UNCLASSIFIED') as market_class,
        market_classes.parameter_version as market_class_version,
        emerging_tags_ranked.emerging_group as best_emerging_group,
        emerging_tags_ranked.emerging_tag_count,
        emerging_tags_ranked.parameter_version as emerging_group_version
    from parties
    cross join evaluation_window
    left join market_classes
        on parties.org_type = market_classes.org_type
            and {{ is_in_force('market_classes', 'evaluation_window.as_of_date') }}
    left join emerging_tags_ranked
        on parties.party_kind = 'EXISTING'
            and parties.party_id = emerging_tags_ranked.customer_id
            and emerging_tags_ranked.tag_rank = 1

)

select * from final
