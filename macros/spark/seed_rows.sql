{#- Spark seed loader (overrides dbt-spark's spark__load_csv_rows for `method: session`, whose parameter binding
    quotes values without escaping them - a seed text with an apostrophe breaks the statement - and binds an
    empty cell as the text 'None'). Values are written as SQL literals: null for an empty cell, text with
    backslash and apostrophe escaped (Spark string literals escape with a backslash), numbers as their exact
    decimal text (never through a float). -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set column_types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do column_types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ seed_literal(value) }} as {{ column_types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}

{#- One seed cell as a Spark SQL literal, cast by spark__load_csv_rows to its column's type: null for an empty
    cell, else its text (a number's exact decimal text, a boolean's True/False) with backslash and apostrophe
    escaped. -#}
{% macro seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- else -%}
        '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
