{%- set content_columns = ['curve_date', 'term_months', 'ftp_rate'] -%}
{#- FTP曲线校验 Every raw FTP curve point, checked (SPEC 4.5 and 8). A point that passes its own checks still goes
    with its curve when that curve date misses a term of the seed ftp_curve_terms in force on it
    (INCOMPLETE_CURVE): the last complete curve then stays in force (DECISIONLOG Q-018). -#}

with

source as (

    select * from {{ source('bank', 'ftp_curve') }}

),

data_quality_parameters as (

    select
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

required_terms as (

    select
        term_months,
        valid_from,
        valid_to
    from {{ ref('ftp_curve_terms') }}

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

repeated_keys as (

    {#- Duplicates (SPEC 8): the keys more than one raw row holds. They are rare, so only their rows are compared
        by content (below); every other row takes the anti-join. -#}
    select
        curve_date as repeated_curve_date,
        term_months as repeated_term_months
    from typed
    group by curve_date, term_months
    having count(*) > 1

),

rows_with_unique_key as (

    select
        typed.*,
        1 as key_copy_number,
        false as has_key_conflict
    from typed
    left join repeated_keys
        on typed.curve_date = repeated_keys.repeated_curve_date
            and typed.term_months = repeated_keys.repeated_term_months
    where repeated_keys.repeated_curve_date is null

),

rows_with_repeated_key as (

    select
        typed.*,
        {{ key_copy_number(['curve_date', 'term_months'], content_columns, ['is_uncastable']) }} as key_copy_number,
        {{ has_key_conflict(['curve_date', 'term_months'], content_columns) }} as has_key_conflict
    from typed
    inner join repeated_keys
        on typed.curve_date = repeated_keys.repeated_curve_date
            and typed.term_months = repeated_keys.repeated_term_months

),

duplicates_marked as (

    select * from rows_with_unique_key
    union all
    select * from rows_with_repeated_key

),

points_checked as (

    select
        curve_date,
        term_months,
        ftp_rate,
        cast(curve_date as {{ dbt.type_string() }}) || '|' || cast(term_months as {{ dbt.type_string() }}) as row_key,
        cast(ftp_rate as decimal(38, 10)) as reconciliation_amount,
        case
            when curve_date is null or term_months is null then 'NULL_KEY'
            when has_key_conflict then 'DUPLICATE_KEY_CONFLICT'
            when key_copy_number > 1 then 'DUPLICATE'
            when is_uncastable then 'INVALID_VALUE'
            when curve_date < data_quality_parameters.earliest_valid_date
                or curve_date > data_quality_parameters.latest_valid_date
                then 'DATE_OUT_OF_RANGE'
            when term_months <= 0 then 'INVALID_TERM'
            when ftp_rate is null or ftp_rate < 0 or ftp_rate > 1 then 'RATE_OUT_OF_RANGE'
        end as point_rejection_reason
    from duplicates_marked
    cross join data_quality_parameters

),

curve_dates as (

    select distinct curve_date
    from points_checked
    where point_rejection_reason is null

),

incomplete_curves as (

    {#- The curve dates a required term in force on them has no accepted point for. -#}
    select distinct curve_dates.curve_date
    from curve_dates
    inner join required_terms
        on {{ is_in_force('required_terms', 'curve_dates.curve_date') }}
    left join points_checked
        on
            curve_dates.curve_date = points_checked.curve_date
            and required_terms.term_months = points_checked.term_months
            and points_checked.point_rejection_reason is null
    where points_checked.curve_date is null

),

final as (

    select
        points_checked.curve_date,
        points_checked.term_months,
        points_checked.ftp_rate,
        points_checked.row_key,
        points_checked.reconciliation_amount,
        coalesce(
            points_checked.point_rejection_reason,
            case when incomplete_curves.curve_date is not null then 'INCOMPLETE_CURVE' end
        ) as rejection_reason
    from points_checked
    left join incomplete_curves on points_checked.curve_date = incomplete_curves.curve_date

)

select * from final
