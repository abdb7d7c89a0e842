{%- set content_columns = ['entity_type', 'entity_id', 'entity_name', 'effective_from', 'effective_to'] -%}

with

source as (

    select * from {{ source('bank', 'strategic_list') }}

),

entity_types as (

    select code from {{ ref('reference_codes') }}
    where code_set = 'entity_type'

),

typed as (

    select
        {{ clean_code('entity_type') }} as entity_type,
        {{ clean_code('entity_id') }} as entity_id,
        trim(cast(entity_name as {{ dbt.type_string() }})) as entity_name,
        {{ dbt.safe_cast('effective_from', 'date') }} as effective_from,
        {{ dbt.safe_cast('effective_to', 'date') }} as effective_to,
        effective_from is not null and {{ dbt.safe_cast('effective_from', 'date') }} is null
        or effective_to is not null and {{ dbt.safe_cast('effective_to', 'date') }} is null as is_uncastable
    from source

),

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select
        entity_type as repeated_entity_type,
        entity_id as repeated_entity_id,
        effective_from as repeated_effective_from
    from typed
    group by entity_type, entity_id, effective_from
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys
        on typed.entity_type = repeated_keys.repeated_entity_type
            and typed.entity_id = repeated_keys.repeated_entity_id
            and typed.effective_from = repeated_keys.repeated_effective_from
    where repeated_keys.repeated_entity_type is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['entity_type', 'entity_id', 'effective_from'], content_columns, ['is_uncastable']) }}
            as key_copy_number,
        {{ has_key_conflict(['entity_type', 'entity_id', 'effective_from'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys
        on typed.entity_type = repeated_keys.repeated_entity_type
            and typed.entity_id = repeated_keys.repeated_entity_id
            and typed.effective_from = repeated_keys.repeated_effective_from

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

final as (

    select
        duplicates_marked.entity_type,
        duplicates_marked.entity_id,
        duplicates_marked.entity_name,
        duplicates_marked.effective_from,
        duplicates_marked.effective_to,
        duplicates_marked.entity_type || '|' || duplicates_marked.entity_id || '|'
        || cast(duplicates_marked.effective_from as {{ dbt.type_string() }}) as row_key,
        cast(null as decimal(38, 10)) as reconciliation_amount,
        case
            when duplicates_marked.entity_type is null
                or duplicates_marked.entity_id is null
                or duplicates_marked.effective_from is null
                then 'NULL_KEY'
            when duplicates_marked.has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when duplicates_marked.is_uncastable then 'INVALID_VALUE'
            when entity_types.code is null then 'UNKNOWN_ENTITY_TYPE'
            when duplicates_marked.effective_to < duplicates_marked.effective_from then 'INVALID_DATE_RANGE'
        end as rejection_reason
    from duplicates_marked
    left join entity_types on duplicates_marked.entity_type = entity_types.code

)

select * from final
