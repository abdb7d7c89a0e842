{#- Month-incremental validation of the daily balance tables (DECISIONLOG H-008). A base model of a daily table
    keeps every raw row once in `validation_batch` partitions: the calendar month of the row's date as text
    ('2026-09-01'), or 'UNDATED' for a row whose date is missing or unreadable. -#}
{% macro validation_batch(date_column) -%}
    coalesce(
        cast(cast({{ dbt.date_trunc('month', date_column) }} as date) as {{ dbt.type_string() }}),
        'UNDATED'
    )
{%- endmacro %}

{#- CTEs ending in `raw_rows_to_validate`: the typed raw rows of the batches that must be validated from the raw
    file. A full build takes every batch. An incremental build takes a batch when the model does not hold it or
    holds it with another row count or content fingerprint (sum of row_fingerprint over `typed_columns`, the
    typed values and flags that the row's checks read), so a new month costs one aggregate pass over the raw
    rows plus the validation of that month; a restated month is validated again by itself. -#}
{% macro raw_rows_of_changed_batches(typed_relation, typed_columns) -%}
{%- if is_incremental() -%}
raw_batches as (

    select
        validation_batch,
        count(*) as row_count,
        sum({{ row_fingerprint(typed_columns) }}) as content_fingerprint
    from {{ typed_relation }}
    group by validation_batch

),

stored_batches as (

    select
        validation_batch,
        count(*) as row_count,
        sum({{ row_fingerprint(typed_columns) }}) as content_fingerprint
    from {{ this }}
    group by validation_batch

),

batches_changed_in_raw as (

    select raw_batches.validation_batch
    from raw_batches
    left join stored_batches on raw_batches.validation_batch = stored_batches.validation_batch
    where stored_batches.validation_batch is null
        or raw_batches.row_count <> stored_batches.row_count
        or raw_batches.content_fingerprint <> stored_batches.content_fingerprint

),

raw_rows_to_validate as (

    select {{ typed_relation }}.*
    from {{ typed_relation }}
    inner join batches_changed_in_raw
        on {{ typed_relation }}.validation_batch = batches_changed_in_raw.validation_batch

)
{%- else -%}
raw_rows_to_validate as (

    select * from {{ typed_relation }}

)
{%- endif -%}
{%- endmacro %}

{#- Rows for the one validation CTE of a month-incremental base model: the raw rows of changed batches after
    duplicate marking (`duplicates_marked`), and, in an incremental build, every stored row of the other
    batches, to be checked again against today's parents, FX rates and parameters. A stored row carries its
    typed values and the duplicate flags its reason implies: its reason was the first failing check, and the
    four row-local checks (NULL_KEY, DUPLICATE_KEY_CONFLICT, DUPLICATE, INVALID_VALUE) come before every check
    that reads another table, so a stored row re-checked gives exactly what validating its raw row again would.
    `stored_rejection_reason` / `stored_balance_cny` carry the stored outcome (null for raw rows). -#}
{% macro rows_to_validate(value_columns) -%}
    select
        validation_batch,
        {{ value_columns | join(', ') }},
        is_uncastable,
        _has_key_conflict,
        _key_copy_number,
        false as is_stored,
        cast(null as {{ dbt.type_string() }}) as stored_rejection_reason,
        cast(null as decimal(38, 10)) as stored_balance_cny
    from duplicates_marked
    {%- if is_incremental() %}
    union all
    select
        stored.validation_batch,
        {% for column in value_columns -%}
            stored.{{ column }},
        {% endfor -%}
        stored.is_uncastable,
        coalesce(stored.rejection_reason = 'DUPLICATE_KEY_CONFLICT', false) as _has_key_conflict,
        case when stored.rejection_reason = 'DUPLICATE' then 2 else 1 end as _key_copy_number,
        true as is_stored,
        stored.rejection_reason as stored_rejection_reason,
        stored.balance_cny as stored_balance_cny
    from {{ this }} as stored
    left join batches_changed_in_raw on stored.validation_batch = batches_changed_in_raw.validation_batch
    where batches_changed_in_raw.validation_batch is null
    {%- endif %}
{%- endmacro %}

{#- CTEs ending in `validated_rows_to_write`: of `validated_relation` (raw rows and re-checked stored rows, with
    rejection_reason and balance_cny), the raw rows, and the stored rows of every batch in which re-checking
    changed at least one row's reason or CNY amount (a parent rejected or corrected, an FX rate restated, a
    parameter changed): that whole batch is written again, every other stored batch is left as it is. -#}
{% macro validated_rows_to_write(validated_relation) -%}
{%- if is_incremental() -%}
stale_stored_batches as (

    select validation_batch
    from {{ validated_relation }}
    where is_stored
    group by validation_batch
    having max(
        case
            when rejection_reason is distinct from stored_rejection_reason
                or balance_cny is distinct from stored_balance_cny
                then 1
            else 0
        end
    ) = 1

),

validated_rows_to_write as (

    select {{ validated_relation }}.*
    from {{ validated_relation }}
    left join stale_stored_batches
        on {{ validated_relation }}.validation_batch = stale_stored_batches.validation_batch
    where not {{ validated_relation }}.is_stored
        or stale_stored_batches.validation_batch is not null

)
{%- else -%}
validated_rows_to_write as (

    select * from {{ validated_relation }}

)
{%- endif -%}
{%- endmacro %}
