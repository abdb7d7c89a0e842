{#- Every raw deposit balance once, converted to CNY at the rate in force on the balance date. A balance
    on a day the account is not open (open_date <= d < close_date) is rejected; demand-like balances dated
    before the first FTP curve have no FTP rate (MISSING_FTP). SPEC 8. -#}
{%- set content_columns = ['account_id', 'balance_date', 'balance'] -%}

with

source as (

    select * from {{ source('bank', 'deposit_balances') }}

),

accounts as (

    {{ parent_keys('base_bank__deposit_accounts', 'account_id') }}

),

accepted_accounts as (

    select
        account_id,
        currency,
        product_code,
        open_date,
        close_date
    from {{ ref('stg_bank__deposit_accounts') }}

),

ftp_curve_start as (

    select min(curve_date) as first_curve_date from {{ ref('stg_bank__ftp_curve') }}

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
        trim(cast(account_id as {{ dbt.type_string() }})) as account_id,
        {{ dbt.safe_cast('balance_date', 'date') }} as balance_date,
        {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} as balance,
        balance is not null and {{ dbt.safe_cast('balance', 'decimal(18, 2)') }} is null
        or balance_date is not null and {{ dbt.safe_cast('balance_date', 'date') }} is null as is_uncastable
    from source

),

{{ mark_duplicates('typed', ['account_id', 'balance_date'], content_columns) }},

final as (

    select
        duplicates_marked.account_id,
        duplicates_marked.balance_date,
        duplicates_marked.balance,
        {{ to_cny('duplicates_marked.balance', 'accepted_accounts.currency') }} as balance_cny,
        duplicates_marked.account_id || '|' || cast(duplicates_marked.balance_date as {{ dbt.type_string() }})
            as row_key,
        cast(duplicates_marked.balance as decimal(38, 10)) as reconciliation_amount,
        {{ rejection_reason([
            ['duplicates_marked.account_id is null or duplicates_marked.balance_date is null', 'NULL_KEY'],
            ['duplicates_marked._has_key_conflict', 'DUPLICATE_KEY_CONFLICT'],
            ['duplicates_marked._key_copy_number > 1', 'DUPLICATE'],
            ['duplicates_marked.is_uncastable', 'INVALID_VALUE'],
            ['accounts.account_id is null', 'ORPHAN_ACCOUNT'],
            ['not accounts.is_parent_accepted', 'PARENT_REJECTED'],
            ['duplicates_marked.balance_date < '
                ~ dbt.safe_cast(data_quality_parameter('earliest_valid_date', 'value_text'), 'date')
                ~ ' or duplicates_marked.balance_date > '
                ~ dbt.safe_cast(data_quality_parameter('latest_valid_date', 'value_text'), 'date'),
                'DATE_OUT_OF_RANGE'],
            ['duplicates_marked.balance_date < accepted_accounts.open_date'
                ~ ' or duplicates_marked.balance_date >= accepted_accounts.close_date', 'OUTSIDE_ACCOUNT_LIFE'],
            ['duplicates_marked.balance is null or duplicates_marked.balance < 0', 'NEGATIVE_AMOUNT'],
            [is_fx_missing('accepted_accounts.currency'), 'MISSING_FX'],
            [to_cny('duplicates_marked.balance', 'accepted_accounts.currency') ~ ' > '
                ~ data_quality_parameter('absurd_amount_cny'), 'ABSURD_AMOUNT'],
            ["accepted_accounts.product_code <> 'TIME'"
                ~ ' and duplicates_marked.balance_date < ftp_curve_start.first_curve_date', 'MISSING_FTP'],
        ]) }} as rejection_reason
    from duplicates_marked
    cross join ftp_curve_start
    left join accounts on duplicates_marked.account_id = accounts.account_id
    left join accepted_accounts on duplicates_marked.account_id = accepted_accounts.account_id
    left join fx_rates_daily as fx
        on accepted_accounts.currency = fx.currency and duplicates_marked.balance_date = fx.rate_date

)

select * from final
