{#- The on-run-start check of a build's inputs (DECISIONLOG Q-008, Q-009): before any model runs, the vars and the raw
    folders are checked and the build stops with one line per problem, naming the var or file and what is allowed
    (dbt_project.yml flag skip_nodes_if_on_run_start_fails skips every node). Runs for `dbt build` and `dbt run`.
    - every name given in --vars is a var of the project (a typo would be ignored);
    - window_months: a whole number >= 1; as_of_date: none or a date YYYY-MM-DD; the data-quality shares: numbers
      in [0, 1] with warn <= error;
    - raw_data_dir and the raw files (adapter-dispatched, raw_input_problems): no quote or glob character in the
      path, every file of a table folder read or refused by name, no subfolder, rows in every table the sources
      YAML does not mark may_be_empty;
    - the data's dates: as_of_date from the first balance date to the month-end of the last balance or FX rate date
      (a month-end build may fall on a weekend after the last business-day balance), and the window inside the
      balance history.
    Renders no SQL: a hook that passes runs nothing. -#}
{% macro validate_build_inputs() -%}
    {%- if execute and flags.WHICH in ('build', 'run') -%}
        {%- set problems = [] -%}
        {#- The project's vars (dbt_project.yml), each checked below: any other name given in --vars is a typo
            that dbt would silently ignore, building on the default (`as_of_dat` for as_of_date). -#}
        {%- set project_vars = ['raw_data_dir', 'as_of_date', 'window_months', 'rejected_share_warn',
            'rejected_share_error', 'unrated_share_warn', 'unrated_share_error'] -%}
        {%- set given_vars = invocation_args_dict.get('vars') or {} -%}
        {%- if given_vars is string -%}
            {%- set given_vars = fromyaml(given_vars) or {} -%}
        {%- endif -%}
        {%- for name in given_vars if name not in project_vars -%}
            {%- do problems.append('var ' ~ name ~ ' is not a var of this project: pass one of '
                ~ project_vars | join(', ')) -%}
        {%- endfor -%}
        {%- set window_months = var('window_months') -%}
        {%- if window_months is string and modules.re.fullmatch('[0-9]+', window_months) -%}
            {%- set window_months = window_months | int -%}
        {%- endif -%}
        {%- if window_months is not integer or window_months is boolean or window_months < 1 -%}
            {%- set window_months = none -%}
        {%- endif -%}
        {%- set as_of_date = var('as_of_date') -%}
        {%- set as_of_date_is_valid = true -%}
        {%- if as_of_date is not none and as_of_date != '' -%}
            {%- set as_of_date = as_of_date | string -%}
            {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', as_of_date)
                or run_query("select try_cast('" ~ as_of_date ~ "' as date)").columns[0].values()[0] is none -%}
                {%- do problems.append('as_of_date ' ~ var('as_of_date') ~ ' is not a date: pass YYYY-MM-DD, e.g.'
                    ~ ' 2026-09-30, or nothing for the last balance date in the data') -%}
                {%- set as_of_date_is_valid = false -%}
            {%- endif -%}
        {%- else -%}
            {%- set as_of_date = none -%}
        {%- endif -%}
        {%- for prefix in ['rejected_share', 'unrated_share'] -%}
            {%- set warn, error = var(prefix ~ '_warn'), var(prefix ~ '_error') -%}
            {%- for name, value in [(prefix ~ '_warn', warn), (prefix ~ '_error', error)] -%}
                {%- if value is not number or value is boolean or value < 0 or value > 1 -%}
                    {%- do problems.append(name ~ ' ' ~ value ~ ' is not allowed: a share from 0 to 1') -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if warn is number and error is number and warn > error -%}
                {%- do problems.append(prefix ~ '_warn ' ~ warn ~ ' is above ' ~ prefix ~ '_error ' ~ error
                    ~ ': the warn level must not exceed the error level') -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do problems.extend(adapter.dispatch('seed_header_problems', 'corporate_segmentation')()) -%}
        {%- set raw = adapter.dispatch('raw_input_problems', 'corporate_segmentation')(
            var('raw_data_dir'), as_of_date if as_of_date_is_valid else none) -%}
        {%- do problems.extend(raw.problems) -%}
        {%- set history = raw.history -%}
        {%- if history and as_of_date_is_valid and not history.as_of_inside -%}
            {%- do problems.append('as_of_date ' ~ history.as_of ~ ' is outside the data: pass a date from its first'
                ~ ' balance date ' ~ history.first_date ~ ' to ' ~ history.last_date ~ ' (the month-end of its last'
                ~ ' balance or FX rate date), or nothing for the last balance date') -%}
        {%- endif -%}
        {#- The longest window the history holds before the as-of date; unknown when the as-of date is refused. -#}
        {%- set fits_history = history and history.as_of_inside -%}
        {%- if window_months is none or fits_history and window_months > history.max_window -%}
            {%- do problems.append('window_months ' ~ var('window_months') ~ ' is not allowed: a whole number of '
                ~ 'months from 1 to ' ~ (history.max_window ~ ' (the balance history from ' ~ history.first_date
                ~ ' to as_of_date ' ~ history.as_of ~ ')' if fits_history else 'the length of the balance history'))
            -%}
        {%- endif -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error('the build did not start:\n' ~ problems | join('\n')) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The raw tables of the sources YAML: [name, may_be_empty] pairs in YAML order. -#}
{% macro raw_tables() -%}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values() | selectattr('source_name', 'equalto', 'bank') -%}
        {%- do tables.append([node.name, node.meta.get('may_be_empty', false)]) -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}

{#- Sources that are not files (Spark tables) have nothing to list: only the vars are checked. -#}
{% macro default__raw_input_problems(raw_data_dir, as_of_date) -%}
    {{ return({'problems': [], 'history': none}) }}
{%- endmacro %}

{#- DuckDB reads `<raw_data_dir>/<table>/*.parquet` (the sources YAML's external_location): every file of a table
    folder must be read (a name ending in .parquet) or be a Spark/Hadoop marker (a name starting with _ or .);
    the same rule as segmentation_tools.preflight. Returns the problems and, when the files are fine, the
    history: the first balance date, the month-end of the last balance or FX rate date, the as-of date (given or
    the last balance date), whether it is between them, and the longest window that fits (as_of_date - months >=
    the day before the first balance date). -#}
{% macro duckdb__raw_input_problems(raw_data_dir, as_of_date) -%}
    {%- set problems = [] -%}
    {%- set refused_characters = [] -%}
    {%- for character in "'[]*?{}" if character in raw_data_dir -%}
        {%- do refused_characters.append(character) -%}
    {%- endfor -%}
    {%- if refused_characters -%}
        {%- do problems.append('raw_data_dir ' ~ raw_data_dir ~ ': its path holds ' ~ refused_characters | join(' ')
            ~ ', which the file pattern <raw_data_dir>/<table>/*.parquet cannot take (quote or glob characters);'
            ~ ' move the extract, or link it (ln -s) to a path without them') -%}
        {{ return({'problems': problems, 'history': none}) }}
    {%- endif -%}
    {%- set folder = raw_data_dir.rstrip('/') -%}
    {%- set listing -%}
        {%- for table, _ in raw_tables() %}
        select '{{ table }}' as table_name, file[{{ (folder ~ '/' ~ table ~ '/') | length + 1 }}:] as file_name
        from glob('{{ folder }}/{{ table }}/**')
        {%- if not loop.last %} union all{% endif %}
        {%- endfor %}
        order by 1, 2
    {%- endset -%}
    {%- set files = run_query(listing) -%}
    {%- set parquet_tables = [] -%}
    {%- set subfolders = [] -%}
    {%- for row in files.rows -%}
        {%- set table, name = row[0], row[1] -%}
        {%- if '/' in name -%}
            {%- set subfolder = table ~ ': ' ~ name.split('/')[0] -%}
            {%- if subfolder not in subfolders -%}
                {%- do subfolders.append(subfolder) -%}
                {%- do problems.append(subfolder ~ '/ is a folder: only the files directly in ' ~ folder ~ '/'
                    ~ table ~ ' are read (move its part files up, one folder per table)') -%}
            {%- endif -%}
        {%- elif name.endswith('.parquet') -%}
            {%- do parquet_tables.append(table) -%}
        {%- elif not (name.startswith('_') or name.startswith('.')) -%}
            {%- do problems.append(table ~ ': ' ~ name ~ ' is not read: only files named *.parquet are (rename a'
                ~ ' Parquet file to ' ~ name.split('.')[0] ~ '.parquet; convert or move anything else)') -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not parquet_tables and not problems -%}
        {#- Not one table: the folder is missing or empty, or is not the extract's top folder. -#}
        {%- set nested = run_query("select file from glob('" ~ folder ~ "/*/customers/*.parquet') limit 1") -%}
        {%- set hint = '; the tables are in ' ~ nested.rows[0][0].split('/customers/')[0] ~ ': pass that'
            if nested.rows else '' -%}
        {%- do problems.append('raw_data_dir ' ~ folder ~ ' holds no table folder with Parquet files (missing, empty'
            ~ ' or not the top folder of the extract)' ~ hint) -%}
        {{ return({'problems': problems, 'history': none}) }}
    {%- endif -%}
    {%- for table, may_be_empty in raw_tables() if table not in parquet_tables -%}
        {%- do problems.append(table ~ ': no Parquet files in ' ~ folder ~ '/' ~ table
            ~ ' (a missing or empty table folder)') -%}
    {%- endfor -%}
    {%- if problems -%}{{ return({'problems': problems, 'history': none}) }}{%- endif -%}

    {%- set counts -%}
        {%- for table, may_be_empty in raw_tables() if not may_be_empty %}
        select '{{ table }}', count(*) from read_parquet('{{ folder }}/{{ table }}/*.parquet')
        {%- if not loop.last %} union all{% endif %}
        {%- endfor %}
    {%- endset -%}
    {%- for row in run_query(counts).rows if row[1] == 0 -%}
        {%- do problems.append(row[0] ~ ': no rows in ' ~ folder ~ '/' ~ row[0] ~ ': the table must not be empty') -%}
    {%- endfor -%}
    {%- if problems -%}{{ return({'problems': problems, 'history': none}) }}{%- endif -%}

    {%- set history -%}
        with balance_dates as (
            select try_cast(balance_date as date) as balance_date
            from read_parquet('{{ folder }}/deposit_balances/*.parquet')
            union all
            select try_cast(balance_date as date) from read_parquet('{{ folder }}/loan_balances/*.parquet')
        ),
        balance_bounds as (
            select min(balance_date) as first_date, max(balance_date) as last_balance_date from balance_dates
        ),
        bounds as (
            select
                first_date,
                last_day(greatest(last_balance_date, coalesce((
                    select max(try_cast(rate_date as date)) from read_parquet('{{ folder }}/fx_rates/*.parquet')
                ), last_balance_date))) as last_date,
                {{ "date '" ~ as_of_date ~ "'" if as_of_date else 'last_balance_date' }} as as_of_date
            from balance_bounds
        )
        select
            cast(first_date as varchar),
            cast(last_date as varchar),
            cast(as_of_date as varchar),
            as_of_date between first_date and last_date,
            (
                select coalesce(max(months), 0) from range(1, 1201) as window_lengths (months)
                where cast(as_of_date - to_months(cast(months as integer)) as date) >= first_date - 1
            )
        from bounds
    {%- endset -%}
    {%- set first_date, last_date, as_of, as_of_inside, max_window = run_query(history).rows[0] -%}
    {%- if first_date is none -%}
        {%- do problems.append('deposit_balances, loan_balances: no balance date casts to a date: the build needs'
            ~ ' the dates of the balance history') -%}
        {{ return({'problems': problems, 'history': none}) }}
    {%- endif -%}
    {{ return({'problems': problems, 'history': {
        'first_date': first_date, 'last_date': last_date, 'as_of': as_of, 'as_of_inside': as_of_inside,
        'max_window': max_window}}) }}
{%- endmacro %}

{#- The header of every seed CSV against the columns of its YAML, in order (DECISIONLOG Q-020): into an existing
    table dbt-duckdb loads a seed by position, so a renamed, moved, missing or extra column would load silently
    into the wrong column (texts swapped) or fail with a page of CSV-sniffer output. One line per seed. -#}
{% macro default__seed_header_problems() -%}
    {{ return([]) }}
{%- endmacro %}

{% macro duckdb__seed_header_problems() -%}
    {%- set seeds = graph.nodes.values() | selectattr('resource_type', 'equalto', 'seed')
        | selectattr('package_name', 'equalto', project_name) | list -%}
    {%- set problems = [] -%}
    {%- if not seeds -%}{{ return(problems) }}{%- endif -%}
    {%- set files = [] -%}
    {%- for seed in seeds -%}
        {%- do files.append("'" ~ seed.root_path ~ '/' ~ seed.original_file_path ~ "'") -%}
    {%- endfor -%}
    {%- set headers = {} -%}
    {%- for row in run_query('select filename, content from read_text([' ~ files | join(', ') ~ '])').rows -%}
        {%- do headers.update({row[0]: row[1].split('\n')[0].strip().lstrip('\ufeff').split(',')}) -%}
    {%- endfor -%}
    {%- for seed in seeds -%}
        {%- set header = headers.get(seed.root_path ~ '/' ~ seed.original_file_path, []) -%}
        {%- set expected = seed.columns.keys() | list -%}
        {%- if header != expected -%}
            {%- set first = namespace(index=none) -%}
            {%- for i in range([header | length, expected | length] | max) if first.index is none -%}
                {%- if i >= header | length or i >= expected | length or header[i] != expected[i] -%}
                    {%- set first.index = i -%}
                {%- endif -%}
            {%- endfor -%}
            {%- set i = first.index -%}
            {%- if i < header | length and i < expected | length -%}
                {%- set difference = 'column ' ~ (i + 1) ~ ' is ' ~ header[i] ~ ', expected ' ~ expected[i] -%}
            {%- elif i < expected | length -%}
                {%- set difference = 'column ' ~ (i + 1) ~ ' ' ~ expected[i] ~ ' is missing' -%}
            {%- else -%}
                {%- set difference = 'column ' ~ (i + 1) ~ ' ' ~ header[i] ~ ' is not in its YAML' -%}
            {%- endif -%}
            {%- do problems.append('seed ' ~ seed.name ~ ' (' ~ seed.original_file_path ~ '): ' ~ difference
                ~ ' (the header must list the columns of its YAML, in that order)') -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{%- endmacro %}
