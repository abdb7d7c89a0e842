{#- 评价日状况 The two bank-value inputs measured on the as-of date itself, one row per existing customer (SPEC 4.5
    and 8; DECISIONLOG S-005 to S-007): accounts = its deposit accounts open on the as-of date, a BASIC account
    counting basic_account_count_weight; asset quality = the score of the worst five-level class among its
    on-balance loans with a balance > 0 on the as-of date (seed asset_quality_scores; none = the NONE row). -#}

with

customers as (

    select customer_id from {{ ref('int_customers_profiled_for_profitability') }}

),

deposit_accounts as (

    select
        account_id,
        customer_id,
        account_type,
        open_date,
        close_date
    from {{ ref('stg_bank__deposit_accounts') }}

),

loans_as_of as (

    select
        customer_id,
        five_level_class,
        balance_cny
    from {{ ref('int_loan_balances_as_of') }}
    where is_on_balance

),

asset_quality_scores as (

    select
        five_level_class,
        severity_rank,
        asset_quality_score,
        parameter_version,
        valid_from,
        valid_to
    from {{ ref('asset_quality_scores') }}

),

evaluation_window as (

    select as_of_date from {{ ref('int_evaluation_window') }}

),

account_weights as (

    select
        basic_account_count_weight,
        basic_account_count_weight_version as parameter_version
    from {{ ref('int_policy_parameters_at_head_office') }}

),

asset_quality_scores_in_force as (

    select asset_quality_scores.*
    from asset_quality_scores
    inner join evaluation_window
        on {{ is_in_force('asset_quality_scores', 'evaluation_window.as_of_date') }}

),

accounts_open_on_as_of as (

    select
        deposit_accounts.customer_id,
        sum(
            case
                when deposit_accounts.account_type = 'BASIC' then account_weights.basic_account_count_weight
                else 1
            end
        ) as weighted_account_count
    from deposit_accounts
    cross join evaluation_window
    cross join account_weights
    where deposit_accounts.open_date <= evaluation_window.as_of_date
        and (deposit_accounts.close_date is null or deposit_accounts.close_date > evaluation_window.as_of_date)
    group by deposit_accounts.customer_id

),

worst_loan_class_as_of as (

    select
        loans_as_of.customer_id,
        max(asset_quality_scores_in_force.severity_rank) as worst_severity_rank
    from loans_as_of
    inner join asset_quality_scores_in_force
        on loans_as_of.five_level_class = asset_quality_scores_in_force.five_level_class
    where loans_as_of.balance_cny > 0
    group by loans_as_of.customer_id

),

final as (

    select
        customers.customer_id,
        cast(coalesce(accounts_open_on_as_of.weighted_account_count, 0) as decimal(38, 10))
            as weighted_account_count,
        account_weights.parameter_version as account_weight_version,
        asset_quality_scores_in_force.five_level_class as worst_five_level_class,
        asset_quality_scores_in_force.asset_quality_score,
        asset_quality_scores_in_force.parameter_version as asset_quality_version
    from customers
    cross join account_weights
    left join accounts_open_on_as_of on customers.customer_id = accounts_open_on_as_of.customer_id
    left join worst_loan_class_as_of
        on customers.customer_id = worst_loan_class_as_of.customer_id
    inner join asset_quality_scores_in_force
        on coalesce(worst_loan_class_as_of.worst_severity_rank, 0) = asset_quality_scores_in_force.severity_rank

)

select * from final
