{#- 存款日终余额 The accepted daily deposit balances, derived from the raw files: a raw row is accepted unless
    base_bank__deposit_balances rejected its key (account_id, balance_date); of exact copies whose key was rejected
    only as DUPLICATE, one is accepted. Not stored (DECISIONLOG H-014): read it by date (the as-of date, the days of
    a month the evaluation window cuts) and the engine reads only those days of the raw files; the monthly
    figures are stg_bank__deposit_balances_by_month. -#}

with

balances_in_context as (

    select
        account_id,
        balance_date,
        balance,
        balance_cny
    from {{ ref('base_bank__deposit_balances_in_context') }}

),

rejected_keys as (

    select
        account_id,
        balance_date,
        min(case when rejection_reason = 'DUPLICATE' then 1 else 0 end) = 1 as is_only_duplicated
    from {{ ref('base_bank__deposit_balances') }}
    where rejection_reason is not null
    group by account_id, balance_date

),

balances_with_unrejected_key as (

    select balances_in_context.*
    from balances_in_context
    left join rejected_keys
        on balances_in_context.account_id = rejected_keys.account_id
            and balances_in_context.balance_date = rejected_keys.balance_date
    where rejected_keys.account_id is null
        and balances_in_context.account_id is not null
        and balances_in_context.balance_date is not null

),

first_copies_of_duplicated_balances as (

    select distinct balances_in_context.*
    from balances_in_context
    inner join rejected_keys
        on balances_in_context.account_id = rejected_keys.account_id
            and balances_in_context.balance_date = rejected_keys.balance_date
    where rejected_keys.is_only_duplicated

),

final as (

    select * from balances_with_unrejected_key
    union all
    select * from first_copies_of_duplicated_balances

)

select * from final
