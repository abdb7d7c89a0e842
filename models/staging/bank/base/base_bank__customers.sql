{#- Every raw customer row once, typed and cleaned, with its rejection reason (null = accepted) and the
    data-quality flags of attributes that are kept but treated as missing (SPEC 8, "Bad input"). -#}
{%- set content_columns = [
    'customer_id', 'customer_name', 'uscc', 'org_type', 'industry_code', 'branch_code', 'region_code',
    'group_id', 'admin_level', 'annual_sales_cny', 'total_assets_cny', 'employees', 'relationship_start_date',
    'exec_is_vip', 'has_cooperation_agreement', 'satisfaction_score', 'total_bank_financing_cny'] -%}
{#- Typed attributes: a non-null raw value that does not cast is flagged INVALID_VALUE and treated as
    missing (D-014; e.g. a numeric column that arrives as VARCHAR). -#}
{%- set typed_attributes = [
    ['annual_sales_cny', 'decimal(18, 2)'], ['total_assets_cny', 'decimal(18, 2)'], ['employees', 'integer'],
    ['relationship_start_date', 'date'], ['exec_is_vip', 'boolean'], ['has_cooperation_agreement', 'boolean'],
    ['satisfaction_score', 'integer'], ['total_bank_financing_cny', 'decimal(18, 2)']] -%}

with

source as (

    select * from {{ source('bank', 'customers') }}

),

data_quality_parameters as (

    select
        absurd_amount_cny,
        earliest_valid_date,
        latest_valid_date
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
        trim(cast(customer_id as {{ dbt.type_string() }})) as customer_id,
        trim(cast(customer_name as {{ dbt.type_string() }})) as customer_name,
        {{ clean_code('uscc') }} as uscc,
        {{ clean_code('org_type') }} as org_type,
        {{ clean_code('industry_code') }} as industry_code,
        {{ clean_code('branch_code') }} as branch_code,
        {{ clean_code('region_code') }} as region_code,
        {{ clean_code('group_id') }} as group_id,
        {{ clean_code('admin_level') }} as admin_level,
        {{ dbt.safe_cast('annual_sales_cny', 'decimal(18, 2)') }} as annual_sales_cny,
        {{ dbt.safe_cast('total_assets_cny', 'decimal(18, 2)') }} as total_assets_cny,
        {{ dbt.safe_cast('employees', 'integer') }} as employees,
        {{ dbt.safe_cast('relationship_start_date', 'date') }} as relationship_start_date,
        {{ dbt.safe_cast('exec_is_vip', 'boolean') }} as exec_is_vip,
        {{ dbt.safe_cast('has_cooperation_agreement', 'boolean') }} as has_cooperation_agreement,
        {{ dbt.safe_cast('satisfaction_score', 'integer') }} as satisfaction_score,
        {{ dbt.safe_cast('total_bank_financing_cny', 'decimal(18, 2)') }} as total_bank_financing_cny,
        {{ is_code_repaired('org_type') }}
        or {{ is_code_repaired('industry_code') }}
        or {{ is_code_repaired('admin_level') }} as is_code_repaired,
        {%- for column, data_type in typed_attributes %}
            {{ column }} is not null and {{ dbt.safe_cast(column, data_type) }} is null
            {%- if not loop.last %} or{% endif %}
        {%- endfor %} as is_uncastable
    from source

),

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select customer_id as repeated_customer_id
    from typed
    group by customer_id
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys on typed.customer_id = repeated_keys.repeated_customer_id
    where repeated_keys.repeated_customer_id is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['customer_id'], content_columns, ['is_uncastable', 'is_code_repaired']) }}
            as key_copy_number,
        {{ has_key_conflict(['customer_id'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys on typed.customer_id = repeated_keys.repeated_customer_id

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
        duplicates_marked.admin_level is not null and admin_levels.code is null as is_admin_level_unknown,
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
            duplicates_marked.relationship_start_date < data_quality_parameters.earliest_valid_date
            or duplicates_marked.relationship_start_date > data_quality_parameters.latest_valid_date, false)
            as is_relationship_start_bad,
        coalesce(duplicates_marked.satisfaction_score not between 1 and 5, false) as is_satisfaction_bad,
        coalesce(
            duplicates_marked.total_bank_financing_cny < 0
            or duplicates_marked.total_bank_financing_cny > data_quality_parameters.absurd_amount_cny, false)
            as is_total_financing_bad
    from duplicates_marked
    cross join data_quality_parameters
    left join reference_codes as org_types
        on org_types.code_set = 'org_type' and duplicates_marked.org_type = org_types.code
    left join reference_codes as admin_levels
        on admin_levels.code_set = 'admin_level' and duplicates_marked.admin_level = admin_levels.code

),

final as (

    select
        customer_id,
        customer_name,
        case when not is_uscc_invalid then uscc end as uscc,
        org_type,
        industry_code,
        branch_code,
        region_code,
        group_id,
        case when not is_admin_level_unknown then admin_level end as admin_level,
        case when not is_annual_sales_bad then annual_sales_cny end as annual_sales_cny,
        case when not is_total_assets_bad then total_assets_cny end as total_assets_cny,
        case when not is_employees_bad then employees end as employees,
        case when not is_relationship_start_bad then relationship_start_date end as relationship_start_date,
        exec_is_vip,
        has_cooperation_agreement,
        case when not is_satisfaction_bad then satisfaction_score end as satisfaction_score,
        case when not is_total_financing_bad then total_bank_financing_cny end as total_bank_financing_cny,
        nullif(concat_ws(
            ';',
            case when is_uscc_invalid then 'INVALID_USCC' end,
            case when is_org_type_unknown then 'UNKNOWN_ORG_TYPE' end,
            case when is_admin_level_unknown then 'UNKNOWN_ADMIN_LEVEL' end,
            case when is_annual_sales_bad then 'BAD_ANNUAL_SALES' end,
            case when is_total_assets_bad then 'BAD_TOTAL_ASSETS' end,
            case when is_employees_bad then 'BAD_EMPLOYEES' end,
            case when is_relationship_start_bad then 'BAD_RELATIONSHIP_START_DATE' end,
            case when is_satisfaction_bad then 'BAD_SATISFACTION_SCORE' end,
            case when is_total_financing_bad then 'BAD_TOTAL_BANK_FINANCING' end,
            case when is_uncastable then 'INVALID_VALUE' end,
            case when is_code_repaired then 'CODE_REPAIRED' end
        ), '') as data_quality_flags,
        customer_id as row_key,
        cast(annual_sales_cny as decimal(38, 10)) as reconciliation_amount,
        case
            when customer_id is null then 'NULL_KEY'
            when has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when key_copy_number > 1 then 'DUPLICATE'
        end as rejection_reason
    from attributes_checked

)

select * from final
