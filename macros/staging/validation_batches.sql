{#- Month-incremental validation of the daily balance tables (DECISIONLOG H-008). A base model of a daily table
    keeps every raw row once in `validation_batch` partitions: the calendar month of the row's date as text
    ('2026-09-01'), or 'UNDATED' for a row whose date is missing or unreadable. Before an incremental build
    renders its SQL, two queries decide which batches it writes, and the batches are written into the compiled
    SQL as literals (target/compiled/... shows what a build validated):
    - raw_batches_to_validate: the batches to read from the raw files (new, or raw rows changed);
    - stored_batches_to_revalidate: the other stored batches in which re-checking the stored rows against today's
      parents, FX rates and parameters changes at least one row.
    A full build (or --full-refresh, or dbt parsing) runs neither query: every raw row is read. -#}
{#- The calendar month of a date (null for a null date): the column `batch_month` of a daily table's typed raw
    rows, which the raw side groups and filters by (a date compares and groups faster than its text label). -#}
{% macro batch_month(date_column) -%}
    cast({{ dbt.date_trunc('month', date_column) }} as date)
{%- endmacro %}

{#- The stored batch label of a `batch_month`: the month as text ('2026-09-01'), or 'UNDATED'. -#}
{% macro validation_batch(month_column) -%}
    coalesce(cast({{ month_column }} as {{ dbt.type_string() }}), 'UNDATED')
{%- endmacro %}

{#- The batches an incremental build must read from the raw files: those the model does not hold, or holds with
    another row count or content fingerprint (sum of row_fingerprint over `fingerprint_columns`, the typed values
    and flags that the checks read; one aggregate pass over the raw rows and one over the stored rows). A sorted
    list of batch names. Incremental builds only (month_validation_ctes calls it). -#}
{% macro raw_batches_to_validate(typed_rows, fingerprint_columns) -%}
    {%- do require_stored_column(
        'validation_batch', 'the daily balance tables were validated by month (DECISIONLOG H-008)') -%}
    {%- set query -%}
        with

        raw_months as (

            select
                batch_month,
                count(*) as row_count,
                sum({{ row_fingerprint(fingerprint_columns) }}) as content_fingerprint
            from ({{ typed_rows }}) as typed
            group by batch_month

        ),

        raw_batches as (

            select
                {{ validation_batch('batch_month') }} as validation_batch,
                row_count,
                content_fingerprint
            from raw_months

        ),

        stored_batches as (

            select
                validation_batch,
                count(*) as row_count,
                sum({{ row_fingerprint(fingerprint_columns) }}) as content_fingerprint
            from {{ this }}
            group by validation_batch

        )

        select raw_batches.validation_batch
        from raw_batches
        left join stored_batches on raw_batches.validation_batch = stored_batches.validation_batch
        where stored_batches.validation_batch is null
            or raw_batches.row_count <> stored_batches.row_count
            or raw_batches.content_fingerprint <> stored_batches.content_fingerprint
        order by raw_batches.validation_batch
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}

{#- The stored rows of the batches not in `excluded_batches` (none = every stored row), with their typed values
    and the duplicate flags their reason implies. This is exact: a stored reason was the first failing check,
    and the four row-local checks (NULL_KEY, DUPLICATE_KEY_CONFLICT, DUPLICATE, INVALID_VALUE) come before every
    check that reads another table, so a stored row checked again gives what validating its raw row again would.
    `stored_rejection_reason` / `stored_balance_cny` carry the stored outcome. -#}
{% macro stored_rows(value_columns, batches=none, excluded_batches=none) -%}
    select
        validation_batch,
        {{ value_columns | join(', ') }},
        is_uncastable,
        coalesce(rejection_reason = 'DUPLICATE_KEY_CONFLICT', false) as _has_key_conflict,
        case when rejection_reason = 'DUPLICATE' then 2 else 1 end as _key_copy_number,
        rejection_reason as stored_rejection_reason,
        balance_cny as stored_balance_cny
    from {{ this }}
    where {{ batch_filter(batches) }}
        and not ({{ batch_filter(excluded_batches, when_none='1 = 0') }})
{%- endmacro %}

{#- The stored batches (other than `raw_batches`, which are read again anyway) in which checking the stored rows
    again - `rechecked_rows`: a select over `stored_rows as balance_row` and the context CTEs `context_ctes`,
    giving rejection_reason and balance_cny next to the stored ones - changes at least one row's reason or CNY
    amount: a parent rejected or corrected, an FX rate restated, a parameter changed. One pass over the stored
    rows with the parent and FX joins, no raw read. A sorted list. Incremental builds only. -#}
{% macro stored_batches_to_revalidate(context_ctes, value_columns, rechecked_rows, raw_batches) -%}
    {%- set query -%}
        with

        {{ context_ctes }},

        stored_rows as (

            {{ stored_rows(value_columns, excluded_batches=raw_batches) }}

        ),

        rechecked_rows as (

            {{ rechecked_rows }}

        )

        select validation_batch
        from rechecked_rows
        group by validation_batch
        having max(
            case
                when rejection_reason is distinct from stored_rejection_reason
                    or balance_cny is distinct from stored_balance_cny
                    then 1
                else 0
            end
        ) = 1
        order by validation_batch
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}

{#- A condition on validation_batch: in the listed batches; `when_none` (default: every row) when the list is
    none; no row for an empty list. -#}
{% macro batch_filter(batches, when_none='1 = 1') -%}
    {%- if batches is none -%}
        {{ when_none }}
    {%- elif batches | length == 0 -%}
        1 = 0
    {%- else -%}
        validation_batch in ('{{ batches | join("', '") }}')
    {%- endif -%}
{%- endmacro %}

{#- The same condition on the typed raw rows' `batch_month`, so that the raw rows are filtered by date. -#}
{% macro batch_month_filter(batches) -%}
    {%- if batches is none -%}
        1 = 1
    {%- elif batches | length == 0 -%}
        1 = 0
    {%- else -%}
        {%- set months = batches | reject('equalto', 'UNDATED') | list -%}
        {%- set conditions = [] -%}
        {%- if months -%}
            {%- do conditions.append("batch_month in (cast('" ~ months | join("' as date), cast('") ~ "' as date))") -%}
        {%- endif -%}
        {%- if 'UNDATED' in batches -%}
            {%- do conditions.append('batch_month is null') -%}
        {%- endif -%}
        ({{ conditions | join(' or ') }})
    {%- endif -%}
{%- endmacro %}

{#- The CTE body of `rows_to_validate`: the raw rows of the batches read from the raw files after duplicate
    marking (`duplicates_marked`), and the stored rows of `stored_batches` (to be written again). -#}
{% macro rows_to_validate(value_columns, stored_batches) -%}
    {%- set columns = ['validation_batch'] + value_columns + ['is_uncastable', '_has_key_conflict', '_key_copy_number'] -%}
    select {{ columns | join(', ') }}
    from duplicates_marked
    {%- if stored_batches %}
    union all
    select {{ columns | join(', ') }}
    from ({{ stored_rows(value_columns, batches=stored_batches) }}) as stored
    {%- endif %}
{%- endmacro %}

{#- The CTE chain of a month-incremental daily-table base model, ending in `rows_to_validate` (columns:
    validation_batch, value_columns, is_uncastable and the duplicate flags), which the model's `final` checks with
    `checks` over `context_joins` (alias balance_row). Decides the months first (raw_batches_to_validate,
    stored_batches_to_revalidate), then: the context CTEs, the typed raw rows, those of the months read from raw,
    their duplicate marks, and the stored rows of the months to write again. `currency` is the parent currency
    column that converts `balance` to CNY. -#}
{% macro month_validation_ctes(
    context_ctes, context_joins, typed_rows, checks, currency, key_columns, content_columns, value_columns
) -%}
    {%- if execute and is_incremental() -%}
        {%- set rechecked_rows -%}
            select
                balance_row.validation_batch,
                {{ rejection_reason(checks) }} as rejection_reason,
                {{ to_cny('balance_row.balance', currency) }} as balance_cny,
                balance_row.stored_rejection_reason,
                balance_row.stored_balance_cny
            from stored_rows as balance_row
            {{ context_joins }}
        {%- endset -%}
        {%- set raw_batches = raw_batches_to_validate(typed_rows, value_columns + ['is_uncastable']) -%}
        {%- set stored_batches = stored_batches_to_revalidate(
            context_ctes, value_columns, rechecked_rows, raw_batches) -%}
    {%- else -%}
        {%- set raw_batches = none -%}
        {%- set stored_batches = none -%}
    {%- endif -%}
{{ context_ctes }},

typed as (

    {{ typed_rows }}

),

raw_rows_to_validate as (

    select
        {{ validation_batch('typed.batch_month') }} as validation_batch,
        typed.*
    from typed
    where {{ batch_month_filter(raw_batches) }}

),

{{ mark_duplicates(
    'raw_rows_to_validate', key_columns, content_columns,
    flag_columns=['is_uncastable'] + value_columns | reject('in', content_columns) | list,
) }},

rows_to_validate as (

    {{ rows_to_validate(value_columns, stored_batches) }}

)
{%- endmacro %}
