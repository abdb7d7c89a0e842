{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='validation_batch',
        on_schema_change='fail',
    )
}}
{#- Every raw loan balance once, converted to CNY at the rate in force on the balance date. A balance
    dated before the loan starts is outside the loan's life (rejected); one after maturity is an overdue
    loan and is kept (DECISIONLOG D-008).
    Month-incremental (DECISIONLOG H-008): rows are kept per validation_batch (calendar month of balance_date);
    a build validates from the raw files only the months that are new or whose raw rows changed, re-checks the
    stored rows of the other months against today's loans, FX rates, codes and parameters, and writes again only
    the months where that changes a reason or a CNY amount (delete+insert on validation_batch; Spark, not built yet
    (H-013): insert_overwrite partitioned by validation_batch). -#}
{%- set key_columns = ['loan_id', 'balance_date'] -%}
{%- set content_columns = ['loan_id', 'balance_date', 'balance', 'five_level_class'] -%}
{%- set value_columns = content_columns + ['is_code_repaired'] -%}
{#- The checks, in precedence order, and the tables they read (context_ctes, context_joins): applied to the rows
    validated and, before an incremental build, to the stored rows being checked again (both `balance_row`). -#}
{%- set checks = [
    ['balance_row.loan_id is null or balance_row.balance_date is null', 'NULL_KEY'],
    ['balance_row._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
    ['balance_row._key_copy_number > 1', 'DUPLICATE'],
    ['balance_row.is_uncastable', 'INVALID_VALUE'],
    ['loan_context.loan_id is null', 'ORPHAN_LOAN'],
    ['not loan_context.is_parent_accepted', 'PARENT_REJECTED'],
    ['balance_row.balance_date < '
        ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
        ~ ' or balance_row.balance_date > '
        ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
        'DATE_OUT_OF_RANGE'],
    ['balance_row.balance_date < loan_context.start_date', 'OUTSIDE_LOAN_LIFE'],
    ['five_level_classes.code is null', 'UNKNOWN_FIVE_LEVEL_CLASS'],
    ['balance_row.balance is null or balance_row.balance < 0', 'NEGATIVE_AMOUNT'],
    [is_fx_missing('loan_context.currency'), 'MISSING_FX'],
    [to_cny('balance_row.balance', 'loan_context.currency') ~ ' > '
        ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
] -%}
{%- set context_ctes -%}
loans as (

    {{ parent_keys('base_bank__loans', 'loan_id') }}

),

accepted_loans as (

    select
        loan_id,
        currency,
        start_date
    from {{ ref('stg_bank__loans') }}

),

loan_context as (

    select
        loans.loan_id,
        loans.is_parent_accepted,
        accepted_loans.currency,
        accepted_loans.start_date
    from loans
    left join accepted_loans on loans.loan_id = accepted_loans.loan_id

),

five_level_classes as (

    select code from {{ ref('reference_codes') }}
    where code_set = 'five_level_class'

),

fx_rates_daily as (

    select
        currency,
        rate_date,
        cny_per_unit
    from {{ ref('base_bank__fx_rates_daily') }}

)
{%- endset -%}
{%- set context_joins -%}
    left join loan_context on balance_row.loan_id = loan_context.loan_id
    left join five_level_classes on balance_row.five_level_class = five_level_classes.code
    left join fx_rates_daily as fx
        on loan_context.currency = fx.currency and balance_row.balance_date = fx.rate_date
{%- endset -%}
{%- set typed_rows -%}
    select
        {{ batch_month(dbt.safe_cast('balance_date', 'date')) }} as batch_month,
        trim(cast(loan_id as {{ dbt.type_string() }})) as loan_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ clean_code('five_level_class') }} as five_level_class,
        {{ is_code_repaired('five_level_class') }} as is_code_repaired,
        {{ is_inexact_amount('balance') }}
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from {{ source('bank', 'loan_balances') }}
{%- endset -%}
{#- The months this build validates are decided first (H-008); the chain ends in rows_to_validate. -#}

with

{{ month_validation_ctes(
    context_ctes, context_joins, typed_rows, checks,
    currency='loan_context.currency',
    key_columns=key_columns,
    content_columns=content_columns,
    value_columns=value_columns,
) }},

final as (

    select
        balance_row.validation_batch,
        balance_row.loan_id,
        balance_row.balance_date,
        balance_row.balance,
        {{ to_cny('balance_row.balance', 'loan_context.currency') }} as balance_cny,
        balance_row.five_level_class,
        balance_row.is_code_repaired,
        balance_row.is_uncastable,
        balance_row.loan_id || '|' || cast(balance_row.balance_date as {{ dbt.type_string() }}) as row_key,
        cast(balance_row.balance as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason(checks) }} as rejection_reason
    from rows_to_validate as balance_row
    {{ context_joins }}

)

select * from final
