{#- The build's own record in the database it builds (DECISIONLOG B-010): on-run-start inserts a START row and
    on-run-end an END row into build_audit.dbt_invocations, each with this invocation's id, so
    segmentation_tools.publish can prove that the database holds exactly the build target/run_results.json
    describes (a killed build leaves a START without END, a build into another database leaves no row). Run as hook
    SQL, outside a transaction, so each row is committed before the first node (START) or after the last (END).
    `dbt source freshness` reads only the raw files and is not stamped (renders no SQL; DECISIONLOG Q-012). -#}
{% macro stamp_build(phase) -%}
    {%- if flags.WHICH in ('freshness', 'snapshot-freshness') -%}
        {{- return('') -}}
    {%- endif -%}
    {{ return(adapter.dispatch('stamp_build', 'corporate_segmentation')(phase)) }}
{%- endmacro %}

{% macro default__stamp_build(phase) -%}
    {%- set relation = 'build_audit.dbt_invocations' -%}
    {%- set nodes = results | length if phase == 'END' else 'null' -%}
    {%- set not_passed = results | rejectattr('status', 'in', ['success', 'pass']) | list | length
        if phase == 'END' else 'null' -%}
    create schema if not exists build_audit;
    create table if not exists {{ relation }} (
        invocation_id {{ dbt.type_string() }},
        phase {{ dbt.type_string() }},
        command {{ dbt.type_string() }},
        stamped_at {{ dbt.type_timestamp() }},
        nodes integer,
        nodes_not_passed integer
    );
    insert into {{ relation }} values (
        '{{ invocation_id }}', '{{ phase }}', '{{ flags.WHICH }}', {{ dbt.current_timestamp() }},
        {{ nodes }}, {{ not_passed }}
    )
{%- endmacro %}


{#- Spark runs one statement per call: the schema and the Parquet table are created first, the hook inserts. -#}
{% macro spark__stamp_build(phase) -%}
    {%- set relation = 'build_audit.dbt_invocations' -%}
    {%- if execute -%}
        {%- do run_query('create schema if not exists build_audit') -%}
        {%- do run_query('create table if not exists ' ~ relation ~ ' (invocation_id string, phase string, '
            ~ 'command string, stamped_at timestamp, nodes integer, nodes_not_passed integer) using parquet') -%}
    {%- endif -%}
    {%- set nodes = results | length if phase == 'END' else 'null' -%}
    {%- set not_passed = results | rejectattr('status', 'in', ['success', 'pass']) | list | length
        if phase == 'END' else 'null' -%}
    insert into {{ relation }} values (
        '{{ invocation_id }}', '{{ phase }}', '{{ flags.WHICH }}', {{ dbt.current_timestamp() }},
        {{ nodes }}, {{ not_passed }}
    )
{%- endmacro %}
