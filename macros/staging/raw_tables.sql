{#- The raw tables of the contract (SPEC 3), declared in models/staging/bank/_bank__sources.yml. -#}

{#- Their names, in the order of the sources YAML. dbt resolves ref() and source() while it parses, before it has
    read the YAML, so the models that loop over every raw table (stg_bank__raw_table_profiles,
    stg_bank__rejections, source_reconciliation) take the names from here; raw_table() fails the build, naming
    the table, when this list and the YAML differ. `batched_only`: the tables validated one month batch at a
    time (table meta `batched`), which have a base_bank__<table>_batches model. -#}
{% macro raw_table_names(batched_only=false) -%}
    {%- set names = [
        'customers', 'customer_tags', 'strategic_list', 'loans', 'loan_balances', 'deposit_accounts',
        'deposit_balances', 'account_activity', 'fees', 'cost_pools', 'ftp_curve', 'fx_rates', 'prospects',
    ] -%}
    {%- set batched = ['loan_balances', 'deposit_balances'] -%}
    {{ return(batched if batched_only else names) }}
{%- endmacro %}

{#- The contract of one raw table from the sources YAML (at execution; at parse time an empty dict):
    amount_column and amount_type (the table's reconciliation amount column and its contract type, or none) and
    batched. -#}
{% macro raw_table(table_name) -%}
    {%- if not execute -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set declared = graph.sources.values() | selectattr('source_name', 'equalto', 'bank') | map(attribute='name')
        | list -%}
    {%- if declared != raw_table_names() -%}
        {{ exceptions.raise_compiler_error(
            'raw tables of _bank__sources.yml (' ~ declared | join(', ') ~ ') differ from macro raw_table_names ('
            ~ raw_table_names() | join(', ') ~ '): update macros/staging/raw_tables.sql') }}
    {%- endif -%}
    {%- set node = graph.sources['source.' ~ project_name ~ '.bank.' ~ table_name] -%}
    {%- set meta = node.config.meta -%}
    {%- set amount_column = meta.get('reconciliation_amount') -%}
    {%- if (table_name in raw_table_names(batched_only=true)) != meta.get('batched', false) -%}
        {{ exceptions.raise_compiler_error(
            'raw table ' ~ table_name ~ ': meta batched in _bank__sources.yml and macro raw_table_names differ') }}
    {%- endif -%}
    {{ return({
        'amount_column': amount_column,
        'amount_type': node.columns[amount_column].data_type if amount_column else none,
        'batched': meta.get('batched', false),
    }) }}
{%- endmacro %}

{#- on-run-start: makes the raw Parquet folders readable as the sources `bank.<table>`. DuckDB reads them
    through the sources' external_location (read_parquet) and needs nothing; Spark gets one external table per
    raw table over `<raw_data_dir>/<table>`, dropped and declared again on every run, so that a run reads the raw
    directory of its own `raw_data_dir` var and the files as they are now (dropping an external table leaves its
    files alone). -#}
{% macro register_raw_tables() -%}
    {{ return(adapter.dispatch('register_raw_tables', 'corporate_segmentation')()) }}
{%- endmacro %}

{% macro default__register_raw_tables() -%}
    select 1
{%- endmacro %}

{% macro spark__register_raw_tables() -%}
    {%- set raw_data_dir = var('raw_data_dir') -%}
    {%- if execute -%}
        {%- do run_query('create schema if not exists bank') -%}
        {%- for table_name in raw_table_names() -%}
            {%- do run_query('drop table if exists bank.' ~ table_name) -%}
            {%- do run_query("create table bank." ~ table_name ~ " using parquet location '"
                ~ raw_data_dir ~ "/" ~ table_name ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
    select 1
{%- endmacro %}
