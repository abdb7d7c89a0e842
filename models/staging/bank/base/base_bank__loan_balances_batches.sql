{#- 贷款余额校验批次 One row per month batch of the raw loan balances (calendar month of balance_date, or UNDATED): its
    raw rows and raw amount (the raw side of the source reconciliation) and the fingerprint of everything its rows
    are checked against: every column of base_bank__loan_balances_in_context (raw values, loan, class, FX rate)
    and the data-quality parameters. base_bank__loan_balances writes a batch again when this fingerprint changes
    (materialization `batched`, DECISIONLOG H-014). One scan of the raw files. -#}

with

balances_in_context as (

    select * from {{ ref('base_bank__loan_balances_in_context') }}

),

data_quality_parameters as (

    select
        absurd_amount_cny,
        earliest_valid_date,
        latest_valid_date
    from {{ ref('stg_policy__data_quality_parameters') }}

),

final as (

    select
        balances_in_context.validation_batch,
        count(*) as raw_rows,
        sum(cast(balances_in_context.balance as decimal(38, 10))) as raw_amount,
        sum({{ row_fingerprint([
            'balances_in_context.loan_id', 'balances_in_context.balance_date', 'balances_in_context.balance',
            'balances_in_context.five_level_class', 'balances_in_context.is_code_repaired',
            'balances_in_context.is_uncastable', 'balances_in_context.is_loan_known',
            'balances_in_context.is_loan_accepted', 'balances_in_context.currency',
            'balances_in_context.start_date', 'balances_in_context.is_five_level_class_known',
            'balances_in_context.cny_per_unit',
            'data_quality_parameters.absurd_amount_cny', 'data_quality_parameters.earliest_valid_date',
            'data_quality_parameters.latest_valid_date',
        ]) }}) as input_fingerprint
    from balances_in_context
    cross join data_quality_parameters
    group by balances_in_context.validation_batch

)

select * from final
