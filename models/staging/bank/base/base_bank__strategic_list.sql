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

{{ mark_duplicates(
    'typed', ['entity_type', 'entity_id', 'effective_from'], content_columns,
    flag_columns=['is_uncastable'],
) }},

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
        {{ rejection_reason([
            ['duplicates_marked.entity_type is null or duplicates_marked.entity_id is null'
                ~ ' or duplicates_marked.effective_from is null', 'NULL_KEY'],
            ['duplicates_marked._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['duplicates_marked.is_uncastable', 'INVALID_VALUE'],
            ['entity_types.code is null', 'UNKNOWN_ENTITY_TYPE'],
            ['duplicates_marked.effective_to < duplicates_marked.effective_from', 'INVALID_DATE_RANGE'],
        ]) }} as rejection_reason
    from duplicates_marked
    left join entity_types on duplicates_marked.entity_type = entity_types.code

)

select * from final
