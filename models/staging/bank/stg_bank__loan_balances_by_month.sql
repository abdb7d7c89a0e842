{#- 贷款余额月汇总 The accepted loan balances summed per loan, calendar month and five-level class
    (base_bank__loan_balances): the monthly figures of the evaluation windows (SPEC 4.1, 4.5). -#}

with

validated as (

    select * from {{ ref('base_bank__loan_balances') }}

),

final as (

    select
        loan_id,
        cast(validation_batch as date) as balance_month,
        five_level_class,
        balance_rows as balance_days,
        balance_days_cny,
        positive_balance_days,
        first_balance_date,
        last_balance_date,
        day_of_month_bits
    from validated
    where rejection_reason is null

)

select * from final
