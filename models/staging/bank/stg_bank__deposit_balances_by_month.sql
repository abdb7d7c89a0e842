{#- 存款余额月汇总 The accepted deposit balances summed per account, calendar month and FTP curve in force
    (base_bank__deposit_balances): the monthly figures of the evaluation windows (SPEC 4.1, 4.5). -#}

with

validated as (

    select * from {{ ref('base_bank__deposit_balances') }}

),

final as (

    select
        account_id,
        cast(validation_batch as date) as balance_month,
        ftp_curve_date,
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
