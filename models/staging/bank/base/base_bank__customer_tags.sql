{#- Tags are compared upper-case; tags other than the emerging-market ones are allowed and ignored
    downstream (SPEC 8), so an unknown tag is accepted here. A tag changed by clean_code is flagged
    `is_code_repaired` like every other repaired code (D-007, D-013). -#}
{%- set content_columns = ['customer_id', 'tag'] -%}

with

source as (

    select * from {{ source('bank', 'customer_tags') }}

),

customers as (

    {#- The keys of base_bank__customers and whether any raw row of each was accepted: a row whose key is
        absent here is an orphan, one whose parent rows were all rejected is PARENT_REJECTED. -#}
    select
        customer_id,
        max(case when rejection_reason is null then 1 else 0 end) = 1 as is_parent_accepted
    from {{ ref('base_bank__customers') }}
    where customer_id is not null
    group by customer_id

),

typed as (

    select
        trim(cast(customer_id as {{ dbt.type_string() }})) as customer_id,
        {{ clean_code('tag') }} as tag,
        {{ is_code_repaired('tag') }} as is_code_repaired
    from source

),

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select
        customer_id as repeated_customer_id,
        tag as repeated_tag
    from typed
    group by customer_id, tag
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys
        on typed.customer_id = repeated_keys.repeated_customer_id
            and typed.tag = repeated_keys.repeated_tag
    where repeated_keys.repeated_customer_id is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['customer_id', 'tag'], content_columns, ['is_code_repaired']) }} as key_copy_number,
        {{ has_key_conflict(['customer_id', 'tag'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys
        on typed.customer_id = repeated_keys.repeated_customer_id
            and typed.tag = repeated_keys.repeated_tag

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

final as (

    select
        duplicates_marked.customer_id,
        duplicates_marked.tag,
        duplicates_marked.is_code_repaired,
        duplicates_marked.customer_id || '|' || duplicates_marked.tag as row_key,
        cast(null as decimal(38, 10)) as reconciliation_amount,
        case
            when duplicates_marked.customer_id is null or duplicates_marked.tag is null then 'NULL_KEY'
            when duplicates_marked.key_copy_number > 1 then 'DUPLICATE'
            when customers.customer_id is null then 'ORPHAN_CUSTOMER'
            when not customers.is_parent_accepted then 'PARENT_REJECTED'
        end as rejection_reason
    from duplicates_marked
    left join customers on duplicates_marked.customer_id = customers.customer_id

)

select * from final
