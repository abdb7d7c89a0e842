{#- Tags are compared upper-case; tags other than the emerging-market ones are allowed and ignored
    downstream (SPEC 8), so an unknown tag is accepted here. A tag changed by clean_code is flagged
    `is_code_repaired` like every other repaired code (D-007, D-013). -#}
{%- set content_columns = ['customer_id', 'tag'] -%}

with

source as (

    select * from {{ source('bank', 'customer_tags') }}

),

customers as (

    {{ parent_keys('base_bank__customers', 'customer_id') }}

),

typed as (

    select
        trim(cast(customer_id as {{ dbt.type_string() }})) as customer_id,
        {{ clean_code('tag') }} as tag,
        {{ is_code_repaired('tag') }} as is_code_repaired
    from source

),

{{ mark_duplicates('typed', ['customer_id', 'tag'], content_columns, flag_columns=['is_code_repaired']) }},

final as (

    select
        duplicates_marked.customer_id,
        duplicates_marked.tag,
        duplicates_marked.is_code_repaired,
        duplicates_marked.customer_id || '|' || duplicates_marked.tag as row_key,
        cast(null as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['duplicates_marked.customer_id is null or duplicates_marked.tag is null', 'NULL_KEY'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['customers.customer_id is null', 'ORPHAN_CUSTOMER'],
            ['not customers.is_parent_accepted', 'PARENT_REJECTED'],
        ]) }} as rejection_reason
    from duplicates_marked
    left join customers on duplicates_marked.customer_id = customers.customer_id

)

select * from final
