{{ config(materialized='view') }}
{#- 贷款日终余额(含校验上下文) Every raw loan balance, typed and its five-level class cleaned, with its month batch
    and everything the checks of base_bank__loan_balances read about it: its loan (known to the extract,
    accepted, currency, start date), whether its class is a known code, the FX rate in force on its date and its
    amount in CNY. A view over the raw files: base_bank__loan_balances_batches reads it whole (one scan per build)
    and base_bank__loan_balances one month at a time (DECISIONLOG H-014). -#}

with

raw_balances as (

    select
        trim(cast(loan_id as {{ dbt.type_string() }})) as loan_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ clean_code('five_level_class') }} as five_level_class,
        {{ is_code_repaired('five_level_class') }} as is_code_repaired,
        {{ is_inexact_amount('balance') }}
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from {{ source('bank', 'loan_balances') }}

),

loan_keys as (

    select
        loan_id,
        max(case when rejection_reason is null then 1 else 0 end) = 1 as is_loan_accepted
    from {{ ref('base_bank__loans') }}
    where loan_id is not null
    group by loan_id

),

accepted_loans as (

    select
        loan_id,
        currency,
        start_date
    from {{ ref('stg_bank__loans') }}

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

),

final as (

    select
        {{ month_batch('raw_balances.balance_date') }} as validation_batch,
        raw_balances.loan_id,
        raw_balances.balance_date,
        raw_balances.balance,
        raw_balances.five_level_class,
        raw_balances.is_code_repaired,
        raw_balances.is_uncastable,
        loan_keys.loan_id is not null as is_loan_known,
        coalesce(loan_keys.is_loan_accepted, false) as is_loan_accepted,
        accepted_loans.currency,
        accepted_loans.start_date,
        five_level_classes.code is not null as is_five_level_class_known,
        fx.cny_per_unit,
        {{ to_cny('raw_balances.balance', 'accepted_loans.currency') }} as balance_cny
    from raw_balances
    left join loan_keys on raw_balances.loan_id = loan_keys.loan_id
    left join accepted_loans on raw_balances.loan_id = accepted_loans.loan_id
    left join five_level_classes on raw_balances.five_level_class = five_level_classes.code
    left join fx_rates_daily as fx
        on accepted_loans.currency = fx.currency and raw_balances.balance_date = fx.rate_date

)

select * from final
