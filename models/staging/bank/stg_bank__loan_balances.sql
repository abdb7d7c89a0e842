{#- 贷款日终余额 The accepted daily loan balances, derived from the raw files: a raw row is accepted unless
    base_bank__loan_balances rejected its key (loan_id, balance_date); of exact copies whose key was rejected only
    as DUPLICATE, one is accepted. Not stored (DECISIONLOG H-014): read it by date (the as-of date, the days of a
    month the evaluation window cuts) and the engine reads only those days of the raw files; the monthly figures
    are stg_bank__loan_balances_by_month. -#}

with

balances_in_context as (

    select
        loan_id,
        balance_date,
        balance,
        balance_cny,
        five_level_class,
        is_code_repaired
    from {{ ref('base_bank__loan_balances_in_context') }}

),

rejected_keys as (

    select
        loan_id,
        balance_date,
        min(case when rejection_reason = 'DUPLICATE' then 1 else 0 end) = 1 as is_only_duplicated
    from {{ ref('base_bank__loan_balances') }}
    where rejection_reason is not null
    group by loan_id, balance_date

),

balances_with_unrejected_key as (

    select balances_in_context.*
    from balances_in_context
    left join rejected_keys
        on balances_in_context.loan_id = rejected_keys.loan_id
            and balances_in_context.balance_date = rejected_keys.balance_date
    where rejected_keys.loan_id is null
        and balances_in_context.loan_id is not null
        and balances_in_context.balance_date is not null

),

first_copies_of_duplicated_balances as (

    {#- Exact copies differ at most in is_code_repaired; the accepted one is the copy that needed no repair. -#}
    select
        balances_in_context.loan_id,
        balances_in_context.balance_date,
        balances_in_context.balance,
        balances_in_context.balance_cny,
        balances_in_context.five_level_class,
        min(balances_in_context.is_code_repaired) as is_code_repaired
    from balances_in_context
    inner join rejected_keys
        on balances_in_context.loan_id = rejected_keys.loan_id
            and balances_in_context.balance_date = rejected_keys.balance_date
    where rejected_keys.is_only_duplicated
    group by
        balances_in_context.loan_id,
        balances_in_context.balance_date,
        balances_in_context.balance,
        balances_in_context.balance_cny,
        balances_in_context.five_level_class

),

final as (

    select * from balances_with_unrejected_key
    union all
    select * from first_copies_of_duplicated_balances

)

select * from final
