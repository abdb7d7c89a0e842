{#- 务求穷尽 The seed classification_leaves covers the whole tree of the scheme as SPEC 4.2, 4.3 and 8 give it:
    有贷户 -> 公司类 (传统公司客户 / 新兴市场客户 / 房地产客户: 战略性 / 大型 / 中型 / 小企业, UNRATED when data is
    missing) and 机构类 (by admin level, UNRATED when missing); 无贷户 -> 公司类无贷户 / 机构类无贷户 (规模以上 /
    规模以下); prospects tiered as if 有贷户 (SPEC 4.4); unknown org types UNCLASSIFIED / UNRATED (SPEC 8).
    The tree is written out here on purpose, independently of the seed: returns every leaf of the tree that
    is not in force in the seed on the as-of date. -#}
{%- set corporate_tiers = ['STRATEGIC', 'LARGE', 'MEDIUM', 'SMALL', 'UNRATED'] -%}
{%- set institutional_tiers = ['CENTRAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY', 'UNRATED'] -%}
{%- set scale_tiers = ['ABOVE_SCALE', 'BELOW_SCALE'] -%}
{%- set scheme_tree = [] -%}
{%- for loan_status in ['WITH_LOAN', 'PROSPECT'] -%}
    {%- for sub_class in ['TRADITIONAL', 'EMERGING', 'REAL_ESTATE'] -%}
        {%- for tier in corporate_tiers -%}
            {%- do scheme_tree.append([loan_status, 'CORPORATE', sub_class, tier]) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for tier in institutional_tiers -%}
        {%- do scheme_tree.append([loan_status, 'INSTITUTIONAL', 'INSTITUTIONAL', tier]) -%}
    {%- endfor -%}
{%- endfor -%}
{%- for tier in scale_tiers -%}
    {%- do scheme_tree.append(['NO_LOAN', 'CORPORATE', 'CORPORATE_NO_LOAN', tier]) -%}
    {%- do scheme_tree.append(['NO_LOAN', 'INSTITUTIONAL', 'INSTITUTIONAL_NO_LOAN', tier]) -%}
{%- endfor -%}
{%- for loan_status in ['WITH_LOAN', 'NO_LOAN', 'PROSPECT'] -%}
    {%- do scheme_tree.append([loan_status, 'UNCLASSIFIED', 'UNCLASSIFIED', 'UNRATED']) -%}
{%- endfor %}

with

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

leaves as (

    select
        classification_leaves.loan_status,
        classification_leaves.market_class,
        classification_leaves.sub_class,
        classification_leaves.tier
    from {{ ref('classification_leaves') }} as classification_leaves
    inner join evaluation_window
        on {{ is_in_force('classification_leaves', 'evaluation_window.as_of_date') }}

),

scheme_tree as (

    {% for leaf in scheme_tree -%}
        select
            '{{ leaf[0] }}' as loan_status,
            '{{ leaf[1] }}' as market_class,
            '{{ leaf[2] }}' as sub_class,
            '{{ leaf[3] }}' as tier
        {% if not loop.last %}union all
        {% endif -%}
    {%- endfor %}

)

select scheme_tree.*
from scheme_tree
left join leaves
    on scheme_tree.loan_status = leaves.loan_status
        and scheme_tree.market_class = leaves.market_class
        and scheme_tree.sub_class = leaves.sub_class
        and scheme_tree.tier = leaves.tier
where leaves.tier is null
