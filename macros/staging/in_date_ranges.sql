{#- True for the days of the date ranges listed in `relation` (one range per row, `first_column` .. `last_column`,
    the rows that satisfy `where`), written out as date literals: read at compile time, so that the engine reads
    only those days of the raw files behind the daily balance views (DuckDB pushes literal date ranges into the
    Parquet scan, not a join with another relation). False when the relation lists no range. At parse time, and in
    a dbt unit test (whose inputs are fixtures, not relations), true: the model's own join selects the days. -#}
{% macro in_date_ranges(date_column, relation, first_column, last_column, where='1 = 1') -%}
    {%- if not execute or (relation | string).startswith('__dbt__cte__') -%}
        1 = 1
    {%- else -%}
        {%- set query -%}
            select distinct
                cast({{ first_column }} as {{ dbt.type_string() }}),
                cast({{ last_column }} as {{ dbt.type_string() }})
            from {{ relation }}
            where {{ where }}
            order by 1
        {%- endset -%}
        {%- set ranges = run_query(query).rows -%}
        {%- if ranges | length == 0 -%}
            1 = 0
        {%- else -%}
            (
            {%- for first_date, last_date in ranges %}
                {{ date_column }} between cast('{{ first_date }}' as date) and cast('{{ last_date }}' as date)
                {%- if not loop.last %} or{% endif %}
            {%- endfor %}
            )
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
