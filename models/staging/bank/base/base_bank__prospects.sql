{#- Every raw prospect row once. Like customers, a prospect with bad attributes is kept with those
    attributes treated as missing and flagged; only key problems reject the row (SPEC 8). -#}
{%- set score_columns = [
    'market_influence_score', 'chain_influence_score', 'product_fit_score', 'marketing_feasibility_score',
    'product_advantage_score', 'service_convenience_score'] -%}
{%- set content_columns = [
    'prospect_id', 'customer_name', 'uscc', 'org_type', 'industry_code', 'branch_code', 'region_code',
    'group_id', 'annual_sales_cny', 'total_assets_cny', 'employees', 'revenue_growth_rate', 'lifecycle_stage',
    'assessed_date'] + score_columns -%}
{#- A non-null raw value that does not cast is flagged INVALID_VALUE and treated as missing (D-014). -#}
{%- set typed_attributes = [
    ['annual_sales_cny', 'decimal(18, 2)'], ['total_assets_cny', 'decimal(18, 2)'], ['employees', 'integer'],
    ['revenue_growth_rate', 'decimal(9, 6)'], ['assessed_date', 'date']] -%}
{%- for score in score_columns -%}
    {%- do typed_attributes.append([score, 'decimal(5, 2)']) -%}
{%- endfor -%}

with

source as (

    select * from {{ source('bank', 'prospects') }}

),

data_quality_parameters as (

    select absurd_amount_cny
    from {{ ref('stg_policy__data_quality_parameters') }}

),

reference_codes as (

    select
        code_set,
        code
    from {{ ref('reference_codes') }}

),

typed as (

    select
        trim(cast(prospect_id as {{ dbt.type_string() }})) as prospect_id,
        trim(cast(customer_name as {{ dbt.type_string() }})) as customer_name,
        {{ clean_code('uscc') }} as uscc,
        {{ clean_code('org_type') }} as org_type,
        {{ clean_code('industry_code') }} as industry_code,
        {{ clean_code('branch_code') }} as branch_code,
        {{ clean_code('region_code') }} as region_code,
        {{ clean_code('group_id') }} as group_id,
        {{ dbt.safe_cast('annual_sales_cny', 'decimal(18, 2)') }} as annual_sales_cny,
        {{ dbt.safe_cast('total_assets_cny', 'decimal(18, 2)') }} as total_assets_cny,
        {{ dbt.safe_cast('employees', 'integer') }} as employees,
        {{ dbt.safe_cast('revenue_growth_rate', 'decimal(9, 6)') }} as revenue_growth_rate,
        {{ clean_code('lifecycle_stage') }} as lifecycle_stage,
        {%- for score in score_columns %}
            {{ dbt.safe_cast(score, 'decimal(5, 2)') }} as {{ score }},
        {%- endfor %}
        {{ dbt.safe_cast('assessed_date', 'date') }} as assessed_date,
        {{ is_code_repaired('org_type') }}
        or {{ is_code_repaired('industry_code') }}
        or {{ is_code_repaired('lifecycle_stage') }} as is_code_repaired,
        {%- for column, data_type in typed_attributes %}
            {{ column }} is not null and {{ dbt.safe_cast(column, data_type) }} is null
            {%- if not loop.last %} or{% endif %}
        {%- endfor %} as is_uncastable
    from source

),

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select prospect_id as repeated_prospect_id
    from typed
    group by prospect_id
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys on typed.prospect_id = repeated_keys.repeated_prospect_id
    where repeated_keys.repeated_prospect_id is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['prospect_id'], content_columns, ['is_uncastable', 'is_code_repaired']) }}
            as key_copy_number,
        {{ has_key_conflict(['prospect_id'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys on typed.prospect_id = repeated_keys.repeated_prospect_id

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

attributes_checked as (

    select
        duplicates_marked.*,
        duplicates_marked.uscc is not null
        and not {{ uscc_is_valid('duplicates_marked.uscc') }} as is_uscc_invalid,
        duplicates_marked.org_type is not null and org_types.code is null as is_org_type_unknown,
        duplicates_marked.lifecycle_stage is not null and lifecycle_stages.code is null as is_lifecycle_stage_unknown,
        coalesce(
            duplicates_marked.annual_sales_cny < 0
            or duplicates_marked.annual_sales_cny > data_quality_parameters.absurd_amount_cny, false)
            as is_annual_sales_bad,
        coalesce(
            duplicates_marked.total_assets_cny < 0
            or duplicates_marked.total_assets_cny > data_quality_parameters.absurd_amount_cny, false)
            as is_total_assets_bad,
        coalesce(duplicates_marked.employees < 0, false) as is_employees_bad,
        coalesce(
            {%- for score in score_columns %}
                duplicates_marked.{{ score }} not between 0 and 100{% if not loop.last %} or{% endif %}
            {%- endfor %}, false
        ) as is_score_out_of_range
    from duplicates_marked
    cross join data_quality_parameters
    left join reference_codes as org_types
        on org_types.code_set = 'org_type' and duplicates_marked.org_type = org_types.code
    left join reference_codes as lifecycle_stages
        on lifecycle_stages.code_set = 'lifecycle_stage' and duplicates_marked.lifecycle_stage = lifecycle_stages.code

),

final as (

    select
        prospect_id,
        customer_name,
        case when not is_uscc_invalid then uscc end as uscc,
        org_type,
        industry_code,
        branch_code,
        region_code,
        group_id,
        case when not is_annual_sales_bad then annual_sales_cny end as annual_sales_cny,
        case when not is_total_assets_bad then total_assets_cny end as total_assets_cny,
        case when not is_employees_bad then employees end as employees,
        revenue_growth_rate,
        case when not is_lifecycle_stage_unknown then lifecycle_stage end as lifecycle_stage,
        {%- for score in score_columns %}
            case when {{ score }} between 0 and 100 then {{ score }} end as {{ score }},
        {%- endfor %}
        assessed_date,
        nullif(concat_ws(
            ';',
            case when is_uscc_invalid then 'INVALID_USCC' end,
            case when is_org_type_unknown then 'UNKNOWN_ORG_TYPE' end,
            case when is_lifecycle_stage_unknown then 'UNKNOWN_LIFECYCLE_STAGE' end,
            case when is_annual_sales_bad then 'BAD_ANNUAL_SALES' end,
            case when is_total_assets_bad then 'BAD_TOTAL_ASSETS' end,
            case when is_employees_bad then 'BAD_EMPLOYEES' end,
            case when is_score_out_of_range then 'SCORE_OUT_OF_RANGE' end,
            case when is_uncastable then 'INVALID_VALUE' end,
            case when is_code_repaired then 'CODE_REPAIRED' end
        ), '') as data_quality_flags,
        prospect_id as row_key,
        cast(annual_sales_cny as decimal(38, 10)) as reconciliation_amount,
        case
            when prospect_id is null then 'NULL_KEY'
            when has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when key_copy_number > 1 then 'DUPLICATE'
        end as rejection_reason
    from attributes_checked

)

select * from final
