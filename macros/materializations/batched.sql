{#- Materialization `batched`: a table written one calendar month at a time, so that a model over a long history of
    raw rows needs the memory of one month, not of the history, on the first build as on later ones (DECISIONLOG
    H-014). The batch of a row (column `batch_column`) is the month of its date as text, or UNDATED.

    The model's SQL reads its raw rows through `month_batch_filter(...)`, an expression on the session variable
    `current_batch`: null = every batch (dbt unit tests, `dbt show`), else the one batch being written. It stores
    per batch `batch_fingerprint`: the sum of the column row_fingerprint of its rows (a hash of each raw row and of
    everything its checks read) mixed with a hash of the model's compiled SQL (session variable batch_code_hash).

    Config: `batches_model` lists every batch of the raw data (column batch_column); `rows_model` is the relation
    with row_fingerprint and the date column `date_column` of every raw row. A first build, `--full-refresh` or a
    stored table with other columns writes every batch of batches_model. Otherwise one pass over rows_model sums
    row_fingerprint per batch, and only the batches whose fingerprint differs from the stored one (new, changed,
    re-checked or written by other code) are written; stored batches no longer in batches_model are deleted. Each
    batch is deleted and inserted in its own transaction, so a build stopped half-way leaves whole batches, and the
    next build writes the rest. -#}
{% materialization batched, adapter='duckdb' %}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set batch_column = config.require('batch_column') -%}
    {%- set batches_relation = ref(config.require('batches_model')) -%}
    {%- set rows_relation = ref(config.require('rows_model')) -%}
    {%- set date_column = config.get('date_column', 'balance_date') -%}
    {#- The compiled SQL names relations with the database, whose name is the file's: without it, the same code
        in a database file of another name has the same hash. -#}
    {%- set code_hash = local_md5(compiled_code | replace('"' ~ this.database ~ '".', '')) -%}
    {%- set rebuild = existing_relation is none or should_full_refresh() -%}
    {#- Until a batch is written, the model's SQL selects no raw row: reading its columns (below) and creating the
        empty table cost nothing. -#}
    {%- do run_query("set variable current_batch = '(no batch)'") -%}
    {%- if not rebuild -%}
        {#- A table stored by other code with other columns is rebuilt, not appended to. -#}
        {%- set rebuild = batched_column_signature(get_column_schema_from_query(compiled_code))
            != batched_column_signature(adapter.get_columns_in_relation(existing_relation)) -%}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- if rebuild -%}
        {%- call statement('create_empty') -%}
            create or replace table {{ target_relation }} as
            select * from ({{ compiled_code }}) as model_rows
            limit 0
        {%- endcall -%}
    {%- endif -%}
    {%- do adapter.commit() -%}

    {%- set batches_to_write = batched_batches_to_write(
        target_relation, batches_relation, rows_relation, batch_column, date_column, code_hash, rebuild) -%}
    {%- set stored_batches_to_delete = [] if rebuild else batched_stored_batches_to_delete(
        target_relation, batches_relation, batch_column) -%}
    {{ log(model.name ~ ': writing ' ~ batches_to_write | length ~ ' batch(es) '
        ~ batches_to_write | join(', ') ~ ('; deleting ' ~ stored_batches_to_delete | join(', ')
        if stored_batches_to_delete else '')) }}

    {%- for batch in batches_to_write -%}
        {%- call statement('write_batch') -%}
            set variable current_batch = '{{ batch }}';
            set variable batch_code_hash = '{{ code_hash }}';
            delete from {{ target_relation }} where {{ batch_column }} = '{{ batch }}';
            insert into {{ target_relation }} {{ compiled_code }};
        {%- endcall -%}
        {%- do adapter.commit() -%}
    {%- endfor -%}

    {%- for batch in stored_batches_to_delete -%}
        {%- call statement('delete_batch') -%}
            delete from {{ target_relation }} where {{ batch_column }} = '{{ batch }}'
        {%- endcall -%}
        {%- do adapter.commit() -%}
    {%- endfor -%}

    {%- call statement('main') -%}
        reset variable current_batch;
        reset variable batch_code_hash;
    {%- endcall -%}

    {% do persist_docs(target_relation, model) %}
    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {% do adapter.commit() %}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}


{#- Spark: the table is Parquet, partitioned by the batch column, and the batches to write are written by one
    `insert overwrite ... partition (<batch column>)` under dynamic partition overwrite, which replaces exactly
    the partitions (batches) the statement writes (Spark has no delete on Parquet tables); a batch no longer in
    the raw data is dropped as a partition. One statement, not one per batch: Spark spills what does not fit in
    memory, and each statement re-reads the batch's context (a statement per month cost 15 times one statement
    on the test data, DECISIONLOG X-006). Spark SQL has no session variable a concurrent model could not
    overwrite, so the batches and the code hash are written into the SQL: spark__month_batch_filter renders a
    marker (month_batch_marker) replaced here by the batches' date ranges, spark__batch_code_hash a placeholder
    replaced by the hash (left as they are - dbt unit tests, `dbt show` - they mean every batch and no code
    hash). Partition columns come last in a Spark table, so rows are inserted by column name. -#}
{% materialization batched, adapter='spark' %}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set batch_column = config.require('batch_column') -%}
    {%- set batches_relation = ref(config.require('batches_model')) -%}
    {%- set rows_relation = ref(config.require('rows_model')) -%}
    {%- set date_column = config.get('date_column', 'balance_date') -%}
    {%- set code_hash = local_md5(compiled_code) -%}
    {%- set model_sql = compiled_code | replace(batch_code_hash_placeholder(), code_hash) -%}
    {%- set rebuild = existing_relation is none or should_full_refresh() -%}
    {%- if not rebuild -%}
        {#- A table stored by other code with other columns is rebuilt, not appended to (the partition column
            comes last in the stored table, so both sides are compared in name order). -#}
        {%- set rebuild = batched_column_signature(get_column_schema_from_query(model_sql) | sort(attribute='name'))
            != batched_column_signature(adapter.get_columns_in_relation(existing_relation) | sort(attribute='name')) -%}
    {%- endif -%}

    {{ run_hooks(pre_hooks) }}

    {%- if rebuild -%}
        {%- if existing_relation is not none -%}
            {%- do adapter.drop_relation(existing_relation) -%}
        {%- endif -%}
        {%- call statement('create_empty') -%}
            create table {{ target_relation }}
            using parquet
            partitioned by ({{ batch_column }})
            as select * from ({{ model_sql }}) as model_rows
            limit 0
        {%- endcall -%}
    {%- endif -%}

    {%- set batches_to_write = batched_batches_to_write(
        target_relation, batches_relation, rows_relation, batch_column, date_column, code_hash, rebuild) -%}
    {%- set stored_batches_to_delete = [] if rebuild else batched_stored_batches_to_delete(
        target_relation, batches_relation, batch_column) -%}
    {{ log(model.name ~ ': writing ' ~ batches_to_write | length ~ ' batch(es) '
        ~ batches_to_write | join(', ') ~ ('; deleting ' ~ stored_batches_to_delete | join(', ')
        if stored_batches_to_delete else '')) }}

    {%- if batches_to_write -%}
        {%- set batch_sql = namespace(text=model_sql) -%}
        {%- for date_column in modules.re.findall("'@month_batches:([^@']+)@'", model_sql) | unique -%}
            {%- set batch_sql.text = batch_sql.text | replace(
                month_batch_marker(date_column), month_batch_ranges(batches_to_write, date_column)) -%}
        {%- endfor -%}
        {%- set column_names = adapter.get_columns_in_relation(target_relation) | map(attribute='name') | list -%}
        {%- call statement('partition_overwrite_mode') -%}
            set spark.sql.sources.partitionOverwriteMode = DYNAMIC
        {%- endcall -%}
        {%- call statement('write_batches') -%}
            insert overwrite table {{ target_relation }} partition ({{ batch_column }})
            select {{ column_names | join(', ') }}
            from ({{ batch_sql.text }}) as model_rows
        {%- endcall -%}
    {%- endif -%}

    {%- for batch in stored_batches_to_delete -%}
        {%- call statement('delete_batch') -%}
            alter table {{ target_relation }} drop if exists partition ({{ batch_column }} = '{{ batch }}')
        {%- endcall -%}
    {%- endfor -%}

    {%- call statement('main') -%}
        select count(*) from {{ target_relation }}
    {%- endcall -%}

    {% do persist_docs(target_relation, model) %}
    {{ run_hooks(post_hooks) }}

    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}


{#- The batches a `batched` build writes: every batch of `batches_relation` on a rebuild; else those whose
    fingerprint, summed now over `rows_relation`, differs from the one the table holds (or that it does not hold). -#}
{% macro batched_batches_to_write(
    target_relation, batches_relation, rows_relation, batch_column, date_column, code_hash, rebuild
) -%}
    {%- set month = 'cast(' ~ dbt.date_trunc('month', date_column) ~ ' as date)' -%}
    {%- set query -%}
        {%- if rebuild %}
        select {{ batch_column }} from {{ batches_relation }} order by 1
        {%- else %}
        with

        day_fingerprints as (

            select
                {{ date_column }},
                sum(row_fingerprint) as input_fingerprint
            from {{ rows_relation }}
            group by {{ date_column }}

        ),

        current_batches as (

            select
                {{ month_batch(month) }} as batch,
                {{ batch_fingerprint('sum(input_fingerprint)', "'" ~ code_hash ~ "'") }} as batch_fingerprint
            from day_fingerprints
            group by {{ month_batch(month) }}

        ),

        stored_batches as (

            select
                {{ batch_column }} as batch,
                min(batch_fingerprint) as first_fingerprint,
                max(batch_fingerprint) as last_fingerprint
            from {{ target_relation }}
            group by {{ batch_column }}

        )

        select batches.{{ batch_column }}
        from {{ batches_relation }} as batches
        left join current_batches on batches.{{ batch_column }} = current_batches.batch
        left join stored_batches on batches.{{ batch_column }} = stored_batches.batch
        where stored_batches.batch is null
            or stored_batches.first_fingerprint <> stored_batches.last_fingerprint
            or stored_batches.first_fingerprint is distinct from current_batches.batch_fingerprint
        order by 1
        {%- endif %}
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}


{#- The batches a `batched` table holds that are no longer in the raw data. -#}
{% macro batched_stored_batches_to_delete(target_relation, batches_relation, batch_column) -%}
    {%- set query -%}
        select distinct stored.{{ batch_column }}
        from {{ target_relation }} as stored
        left join {{ batches_relation }} as batches on stored.{{ batch_column }} = batches.{{ batch_column }}
        where batches.{{ batch_column }} is null
        order by 1
    {%- endset -%}
    {{ return(run_query(query).columns[0].values() | list) }}
{%- endmacro %}


{#- Column names and types of a relation or query, as one comparable text. -#}
{% macro batched_column_signature(columns) -%}
    {%- set parts = [] -%}
    {%- for column in columns -%}
        {%- do parts.append(column.name ~ ' ' ~ (column.data_type | upper | replace(' ', ''))) -%}
    {%- endfor -%}
    {{ return(parts | join(', ')) }}
{%- endmacro %}
