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
{#- 客户利润贡献度历史 Profitability history (SPEC 4.9; DECISIONLOG H-001): every row of customer_profitability,
    kept per as-of date, for profit trends and concentration. A build adds its as-of date's rows; re-running a date
    replaces all of that date's rows (delete+insert on as_of_date; on Spark (X-006): insert_overwrite
    partitioned by as_of_date). full_refresh=false: `dbt build --full-refresh` never empties the history. Only a
    month-end build is kept (SPEC 4.9; DECISIONLOG H-011): a build for another date adds nothing. -#}

with

customer_profitability as (

    select * from {{ ref('customer_profitability') }}

),

month_end_build as (

    select as_of_date
    from {{ ref('int_evaluation_window') }}
    where is_month_end

),

final as (

    select
        as_of_date,
        customer_id,
        branch_code,
        region_code,
        window_first_date,
        window_days,
        loan_interest_income,
        loan_ftp_charge,
        loan_ftp_net_income,
        deposit_interest_expense,
        deposit_ftp_credit,
        deposit_ftp_net_income,
        fee_income,
        fee_expense,
        fee_net_income,
        national_size_class,
        risk_weight_rule_code,
        risk_weight,
        capital_cost,
        allocated_operating_cost,
        is_vat_exempt_small_loan,
        tax_surcharge,
        operating_cost,
        credit_cost,
        profit_contribution,
        avg_daily_deposit_cny,
        avg_daily_loan_cny,
        avg_economic_capital_cny,
        raroc,
        loan_ftp_net_income_basis,
        deposit_ftp_net_income_basis,
        fee_net_income_basis,
        capital_cost_basis,
        allocated_operating_cost_basis,
        tax_surcharge_basis,
        credit_cost_basis,
        parameter_version
    from customer_profitability
    where as_of_date in (select month_end_build.as_of_date from month_end_build)

)

select * from final
