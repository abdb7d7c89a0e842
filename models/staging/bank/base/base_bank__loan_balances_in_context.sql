{{ config(materialized='view') }}
{#- 贷款日终余额(含校验上下文) Every raw loan balance, typed and its five-level class cleaned, with its month and
    everything the checks of base_bank__loan_balances read about it: its loan (known to the extract, accepted,
    currency, start date), whether its class is a known code, the FX rate in force on its date, its amount in CNY,
    and row_fingerprint, a hash of all of it and of the data-quality parameters. A view over the raw files:
    base_bank__loan_balances reads it one month at a time; on a build into an existing table the materialization
    `batched` first sums row_fingerprint per month over all of it, to find the months whose inputs changed
    (DECISIONLOG H-014). -#}

with

raw_balances as (

    select * from {{ ref('base_bank__loan_balances_typed') }}

),

loan_rows as (

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

loan_context as (

    select
        loan_rows.loan_id,
        loan_rows.is_loan_accepted,
        accepted_loans.currency,
        accepted_loans.start_date,
        {{ row_fingerprint(['loan_rows.is_loan_accepted', 'accepted_loans.currency', 'accepted_loans.start_date']) }}
            as loan_fingerprint
    from loan_rows
    left join accepted_loans on loan_rows.loan_id = accepted_loans.loan_id

),

data_quality_parameters as (

    select
        {{ row_fingerprint(['absurd_amount_cny', 'earliest_valid_date', 'latest_valid_date']) }}
            as parameters_fingerprint
    from {{ ref('stg_policy__data_quality_parameters') }}

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
        cast({{ dbt.date_trunc('month', 'raw_balances.balance_date') }} as date) as balance_month,
        raw_balances.loan_id,
        raw_balances.balance_date,
        raw_balances.balance,
        raw_balances.five_level_class,
        raw_balances.is_code_repaired,
        raw_balances.is_uncastable,
        loan_context.loan_id is not null as is_loan_known,
        coalesce(loan_context.is_loan_accepted, false) as is_loan_accepted,
        loan_context.currency,
        loan_context.start_date,
        five_level_classes.code is not null as is_five_level_class_known,
        fx.cny_per_unit,
        {{ to_cny('raw_balances.balance', 'loan_context.currency') }} as balance_cny,
        {{ row_fingerprint([
            'raw_balances.loan_id', 'raw_balances.balance_date', 'raw_balances.balance',
            'raw_balances.five_level_class', 'raw_balances.is_code_repaired', 'raw_balances.is_uncastable',
            'loan_context.loan_fingerprint', 'five_level_classes.code is not null', 'fx.cny_per_unit',
            'data_quality_parameters.parameters_fingerprint',
        ]) }} as row_fingerprint
    from raw_balances
    cross join data_quality_parameters
    left join loan_context on raw_balances.loan_id = loan_context.loan_id
    left join five_level_classes on raw_balances.five_level_class = five_level_classes.code
    left join fx_rates_daily as fx
        on loan_context.currency = fx.currency and raw_balances.balance_date = fx.rate_date

)

select * from final
