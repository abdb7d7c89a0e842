{%- set content_columns = ['curve_date', 'term_months', 'ftp_rate'] -%}

with

source as (

    select * from {{ source('bank', 'ftp_curve') }}

),

typed as (

    select
        {{ dbt.safe_cast('curve_date', 'date') }} as curve_date,
        {{ dbt.safe_cast('term_months', 'integer') }} as term_months,
        {{ dbt.safe_cast('ftp_rate', 'decimal(9, 6)') }} as ftp_rate,
        curve_date is not null and {{ dbt.safe_cast('curve_date', 'date') }} is null
        or term_months is not null and {{ dbt.safe_cast('term_months', 'integer') }} is null
        or ftp_rate is not null and {{ dbt.safe_cast('ftp_rate', 'decimal(9, 6)') }} is null as is_uncastable
    from source

),

{{ mark_duplicates('typed', ['curve_date', 'term_months'], content_columns, flag_columns=['is_uncastable']) }},

final as (

    select
        curve_date,
        term_months,
        ftp_rate,
        cast(curve_date as {{ dbt.type_string() }}) || '|' || cast(term_months as {{ dbt.type_string() }}) as row_key,
        cast(ftp_rate as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['curve_date is null or term_months is null', 'NULL_KEY'],
            ['_has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['_key_copy_number > 1', 'DUPLICATE'],
            ['is_uncastable', 'INVALID_VALUE'],
            ['term_months <= 0', 'INVALID_TERM'],
            ['ftp_rate is null or ftp_rate < 0 or ftp_rate > 1', 'RATE_OUT_OF_RANGE'],
        ]) }} as rejection_reason
    from duplicates_marked

)

select * from final
