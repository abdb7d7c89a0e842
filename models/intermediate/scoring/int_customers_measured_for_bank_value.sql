{#- 银行对存量客户价值 The raw inputs of the eleven bank-value indicators for every existing customer (SPEC 4.5 and
    8; DECISIONLOG S-005 to S-007), one row per existing party, before any scoring. Null = the input is missing
    (scored later at the group median and flagged):
    market share = (avg daily deposit + avg daily on-balance loan) / total_bank_financing_cny (null or zero
    financing -> missing); product coverage = families held / families offered (seed product_families); accounts =
    deposit accounts open on the as-of date, a BASIC account counting basic_account_count_weight; tenure = days
    since relationship_start_date / 365.25 (a start after the as-of date -> missing); balances = avg daily deposit +
    on-balance loan; activity = txn_count of the window's months / window_months (no rows = 0); growth = balances /
    the same of the previous window - 1 (previous = 0 -> missing); VIP executives and cooperation agreement as
    given; asset quality = the score of the worst five-level class among on-balance loans with a balance > 0 on the
    as-of date (seed asset_quality_scores; none = the NONE row); satisfaction as given (1-5). -#}

with

parties as (

    select
        party_id,
        party_kind,
        sub_class,
        tier,
        branch_code,
        region_code
    from {{ ref('int_parties_tiered') }}
    where party_kind = 'EXISTING'

),

customers as (

    select
        customer_id,
        relationship_start_date,
        exec_is_vip,
        has_cooperation_agreement,
        satisfaction_score,
        total_bank_financing_cny
    from {{ ref('stg_bank__customers') }}

),

balances as (

    select
        customer_id,
        avg_daily_deposit_cny,
        avg_daily_loan_cny,
        previous_avg_daily_deposit_cny,
        previous_avg_daily_loan_cny
    from {{ ref('int_customers_balances_summarised') }}

),

account_usage as (

    select
        customer_id,
        txn_count
    from {{ ref('int_deposit_account_usage_aggregated_to_customer_months') }}

),

as_of_date_measures as (

    select
        customer_id,
        weighted_account_count,
        account_weight_version,
        worst_five_level_class,
        asset_quality_score,
        asset_quality_version
    from {{ ref('int_customers_measured_on_as_of_date') }}

),

families_held as (

    select
        customer_id,
        product_family
    from {{ ref('int_product_families_held_by_customers') }}

),

product_families as (

    select product_family from {{ ref('product_families') }}

),

evaluation_window as (

    select
        as_of_date,
        window_months
    from {{ ref('int_evaluation_window') }}

),

families_offered as (

    select count(distinct product_family) as product_families_offered
    from product_families

),

families_held_counted as (

    select
        customer_id,
        count(distinct product_family) as product_families_held
    from families_held
    group by customer_id

),

activity_in_window as (

    select
        customer_id,
        sum(txn_count) as window_txn_count
    from account_usage
    group by customer_id

),

final as (

    select
        evaluation_window.as_of_date,
        parties.party_id,
        parties.party_kind,
        parties.sub_class,
        parties.tier,
        parties.branch_code,
        parties.region_code,
        customers.total_bank_financing_cny,
        cast(
            (balances.avg_daily_deposit_cny + balances.avg_daily_loan_cny)
            / nullif(customers.total_bank_financing_cny, 0)
            as decimal(38, 10)
        ) as market_share,
        coalesce(families_held_counted.product_families_held, 0) as product_families_held,
        families_offered.product_families_offered,
        cast(
            1.0 * coalesce(families_held_counted.product_families_held, 0)
            / nullif(families_offered.product_families_offered, 0)
            as decimal(38, 10)
        ) as product_coverage,
        as_of_date_measures.weighted_account_count,
        customers.relationship_start_date,
        cast(
            case
                when customers.relationship_start_date <= evaluation_window.as_of_date
                    then {{ divide(
                        dbt.datediff('customers.relationship_start_date', 'evaluation_window.as_of_date', 'day'),
                        '365.25'
                    ) }}
            end as decimal(38, 10)
        ) as tenure_years,
        cast(balances.avg_daily_deposit_cny + balances.avg_daily_loan_cny as decimal(38, 10))
            as avg_daily_balance_cny,
        cast(
            1.0 * coalesce(activity_in_window.window_txn_count, 0) / evaluation_window.window_months
            as decimal(38, 10)
        ) as avg_monthly_txn_count,
        cast(
            (balances.avg_daily_deposit_cny + balances.avg_daily_loan_cny)
            / nullif(balances.previous_avg_daily_deposit_cny + balances.previous_avg_daily_loan_cny, 0)
            - 1 as decimal(38, 10)
        ) as balance_growth_rate,
        customers.exec_is_vip,
        as_of_date_measures.worst_five_level_class,
        as_of_date_measures.asset_quality_score,
        customers.has_cooperation_agreement,
        customers.satisfaction_score,
        as_of_date_measures.asset_quality_version,
        as_of_date_measures.account_weight_version
    from parties
    cross join evaluation_window
    cross join families_offered
    left join customers on parties.party_id = customers.customer_id
    left join balances on parties.party_id = balances.customer_id
    left join families_held_counted on parties.party_id = families_held_counted.customer_id
    left join activity_in_window on parties.party_id = activity_in_window.customer_id
    left join as_of_date_measures on parties.party_id = as_of_date_measures.customer_id

)

select * from final
