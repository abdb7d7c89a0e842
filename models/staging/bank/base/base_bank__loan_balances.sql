{#- Every raw loan balance once, converted to CNY at the rate in force on the balance date. A balance
    dated before the loan starts is outside the loan's life (rejected); one after maturity is an overdue
    loan and is kept (DECISIONLOG D-008). -#}
{%- set content_columns = ['loan_id', 'balance_date', 'balance', 'five_level_class'] -%}

with

source as (

    select * from {{ source('bank', 'loan_balances') }}

),

loans as (

    {{ parent_keys('base_bank__loans', 'loan_id') }}

),

accepted_loans as (

    select
        loan_id,
        currency,
        start_date,
        maturity_date
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

typed as (

    select
        trim(cast(loan_id as {{ dbt.type_string() }})) as loan_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        {{ clean_code('five_level_class') }} as five_level_class,
        {{ is_code_repaired('five_level_class') }} as is_code_repaired,
        balance is not null and {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} is null
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from source

),

{{ mark_duplicates('typed', ['loan_id', 'balance_date'], content_columns) }},

final as (

    select
        duplicates_marked.loan_id,
        duplicates_marked.balance_date,
        duplicates_marked.balance,
        {{ to_cny('duplicates_marked.balance', 'accepted_loans.currency') }} as balance_cny,
        duplicates_marked.five_level_class,
        duplicates_marked.is_code_repaired,
        duplicates_marked.loan_id || '|' || cast(duplicates_marked.balance_date as {{ dbt.type_string() }})
            as row_key,
        cast(duplicates_marked.balance as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['duplicates_marked.loan_id is null or duplicates_marked.balance_date is null', 'NULL_KEY'],
            ['duplicates_marked._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['duplicates_marked.is_uncastable', 'INVALID_VALUE'],
            ['loans.loan_id is null', 'ORPHAN_LOAN'],
            ['not loans.is_parent_accepted', 'PARENT_REJECTED'],
            ['duplicates_marked.balance_date < '
                ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
                ~ ' or duplicates_marked.balance_date > '
                ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
                'DATE_OUT_OF_RANGE'],
            ['duplicates_marked.balance_date < accepted_loans.start_date', 'OUTSIDE_LOAN_LIFE'],
            ['five_level_classes.code is null', 'UNKNOWN_FIVE_LEVEL_CLASS'],
            ['duplicates_marked.balance is null or duplicates_marked.balance < 0', 'NEGATIVE_AMOUNT'],
            [is_fx_missing('accepted_loans.currency'), 'MISSING_FX'],
            [to_cny('duplicates_marked.balance', 'accepted_loans.currency') ~ ' > '
                ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
        ]) }} as rejection_reason
    from duplicates_marked
    left join loans on duplicates_marked.loan_id = loans.loan_id
    left join accepted_loans on duplicates_marked.loan_id = accepted_loans.loan_id
    left join five_level_classes on duplicates_marked.five_level_class = five_level_classes.code
    left join fx_rates_daily as fx
        on accepted_loans.currency = fx.currency and duplicates_marked.balance_date = fx.rate_date

)

select * from final
