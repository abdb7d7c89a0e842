{{
    config(
        materialized='incremental',
        incremental_strategy='insert_overwrite' if target.type == 'spark' else 'delete+insert',
        unique_key='as_of_date',
        partition_by='as_of_date' if target.type == 'spark' else none,
        on_schema_change='append_new_columns',
        full_refresh=false,
    )
}}
{#- 客户细分历史 Segment history (SPEC 4.9; DECISIONLOG H-001): every published row of customer_segments, kept
    per as-of date. A build adds its as-of date's rows; re-running a date replaces all of that date's rows
    (delete+insert on as_of_date; on Spark (X-006): insert_overwrite partitioned by as_of_date), so a
    party that left is not kept and nothing is counted twice. full_refresh=false: `dbt build --full-refresh` never
    empties the history. Only a month-end build is kept (SPEC 4.9; DECISIONLOG H-011): a build for another date adds
    nothing. -#}

with

customer_segments as (

    select * from {{ ref('customer_segments') }}

),

month_end_build as (

    select as_of_date
    from {{ ref('int_evaluation_window') }}
    where is_month_end

),

final as (

    select
        as_of_date,
        party_id,
        party_kind,
        party_name,
        org_type,
        branch_code,
        region_code,
        industry_code,
        group_id,
        loan_status,
        market_class,
        sub_class,
        emerging_group,
        tier,
        national_size_class,
        customer_value,
        customer_value_basis,
        bank_value,
        customer_value_threshold,
        customer_value_threshold_method,
        bank_value_threshold,
        bank_value_threshold_method,
        customer_value_level,
        bank_value_level,
        quadrant,
        quadrant_zh,
        product_strategy,
        price_strategy,
        service_strategy,
        marketing_strategy,
        process_strategy,
        relationship_strategy,
        product_strategy_code,
        price_strategy_code,
        service_strategy_code,
        marketing_strategy_code,
        process_strategy_code,
        relationship_strategy_code,
        credit_history,
        credit_history_zh,
        needs,
        needs_zh,
        industry_section,
        industry_section_zh,
        classification_path,
        reason_codes,
        parameter_version,
        parameter_source,
        national_size_reason,
        data_quality_flags,
        segment_reason_codes,
        matrix_parameter_version,
        matrix_parameter_source
    from customer_segments
    where as_of_date in (select month_end_build.as_of_date from month_end_build)

)

select * from final
