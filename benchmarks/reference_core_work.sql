-- The core per-customer work of the project written as one plain DuckDB query, by hand, for the build benchmark
-- (benchmarks/bench_build.py): the yardstick the whole `dbt build` is compared with on the same raw files.
-- It reads the raw Parquet files directly and computes, for one as-of date and a 12-month window: daily balances
-- in CNY at the latest rate on or before each day, average daily deposit and loan balances, loan and deposit FTP
-- net income (matched-maturity loans; time deposits at their term; demand-like deposits on each day's curve at a
-- 12-month term), fee net income, loan status on the as-of date, market class, corporate sub-class, tier (large
-- by sales, medium by the national medium floors, above/below scale for no-loan parties), a bank-value
-- percentile within each group, the per-group medians of both values and the quadrant. No validation, no tests,
-- no capital/credit/operating cost: this is the work a competent analyst would hand-write, not the product.
-- Placeholders: {raw} (raw data directory), {as_of} (as-of date, a month end).
with

params as (
    select
        date '{as_of}' as as_of_date,
        cast(date '{as_of}' - interval 12 month as date) as window_start_exclusive,
        date_diff('day', cast(date '{as_of}' - interval 12 month as date), date '{as_of}') as window_days
),

days as (
    select cast(range as date) as day
    from params, range(cast(params.window_start_exclusive - interval 1 year as timestamp),
        cast(params.as_of_date + interval 1 day as timestamp), interval 1 day)
),

fx_rates as (
    select currency, rate_date, cny_per_unit from read_parquet('{raw}/fx_rates/*.parquet')
),

fx as (
    -- the rate in force on every day of the window, per currency: balances then join it by equality
    select currencies.currency, days.day as rate_date, fx_rates.cny_per_unit
    from days
    cross join (select distinct currency from fx_rates) as currencies
    asof join fx_rates on currencies.currency = fx_rates.currency and days.day >= fx_rates.rate_date
    union all
    select 'CNY', day, 1 from days
),

curve as (
    select curve_date, term_months, ftp_rate from read_parquet('{raw}/ftp_curve/*.parquet')
),

curve_dates as (
    select distinct curve_date from curve
),

curve_by_day as (
    select days.day, curve_dates.curve_date
    from days
    asof join curve_dates on days.day >= curve_dates.curve_date
),

accounts as (
    select account_id, customer_id, product_code, currency, interest_rate, term_months, open_date
    from read_parquet('{raw}/deposit_accounts/*.parquet')
),

time_deposit_rates as (
    select accounts.account_id, min_by(curve.ftp_rate, curve.term_months) as ftp_rate
    from accounts
    asof join curve_dates on accounts.open_date >= curve_dates.curve_date
    join curve on curve.curve_date = curve_dates.curve_date and curve.term_months >= accounts.term_months
    where accounts.product_code = 'TIME'
    group by accounts.account_id
),

deposit_days as (
    select
        accounts.customer_id,
        balances.balance_date,
        cast(balances.balance as decimal(38, 2)) * fx.cny_per_unit as balance_cny,
        accounts.interest_rate,
        coalesce(time_deposit_rates.ftp_rate, demand_curve.ftp_rate) as ftp_rate
    from read_parquet('{raw}/deposit_balances/*.parquet') as balances
    cross join params
    join accounts on balances.account_id = accounts.account_id
    left join fx on accounts.currency = fx.currency and balances.balance_date = fx.rate_date
    left join time_deposit_rates on balances.account_id = time_deposit_rates.account_id
    left join curve_by_day on balances.balance_date = curve_by_day.day
    left join curve as demand_curve
        on demand_curve.curve_date = curve_by_day.curve_date and demand_curve.term_months = 12
    where balances.balance_date > params.window_start_exclusive and balances.balance_date <= params.as_of_date
),

deposits_by_customer as (
    select
        customer_id,
        sum(balance_cny) as deposit_balance_days_cny,
        sum(balance_cny * (ftp_rate - interest_rate)) / 360 as deposit_ftp_net_income
    from deposit_days
    group by customer_id
),

loans as (
    select
        loans.loan_id, loans.customer_id, loans.currency, loans.interest_rate, loans.start_date,
        loans.product_code in ('WORKING_CAPITAL', 'FIXED_ASSET', 'PROJECT', 'TRADE_FINANCE', 'DISCOUNT')
            as is_on_balance,
        date_diff('month', loans.start_date, loans.maturity_date)
        + case when loans.start_date + to_months(date_diff('month', loans.start_date, loans.maturity_date))
            < loans.maturity_date then 1 else 0 end as original_term_months
    from read_parquet('{raw}/loans/*.parquet') as loans
),

loan_ftp_rates as (
    select
        loans.loan_id,
        coalesce(
            min_by(curve.ftp_rate, curve.term_months) filter (where curve.term_months >= loans.original_term_months),
            max_by(curve.ftp_rate, curve.term_months)
        ) as ftp_rate
    from loans
    asof join curve_dates on loans.start_date >= curve_dates.curve_date
    join curve on curve.curve_date = curve_dates.curve_date
    group by loans.loan_id
),

loan_days as (
    select
        loans.customer_id,
        balances.balance_date,
        loans.is_on_balance,
        cast(balances.balance as decimal(38, 2)) * fx.cny_per_unit as balance_cny,
        loans.interest_rate,
        loan_ftp_rates.ftp_rate
    from read_parquet('{raw}/loan_balances/*.parquet') as balances
    cross join params
    join loans on balances.loan_id = loans.loan_id
    left join fx on loans.currency = fx.currency and balances.balance_date = fx.rate_date
    join loan_ftp_rates on balances.loan_id = loan_ftp_rates.loan_id
    where balances.balance_date > params.window_start_exclusive and balances.balance_date <= params.as_of_date
),

loans_by_customer as (
    select
        customer_id,
        sum(balance_cny) filter (where is_on_balance) as loan_balance_days_cny,
        sum(balance_cny * (interest_rate - ftp_rate)) filter (where is_on_balance) / 360 as loan_ftp_net_income,
        sum(balance_cny) filter (where is_on_balance and balance_date = (select as_of_date from params))
            as loan_balance_on_as_of_cny
    from loan_days
    group by customer_id
),

fees_by_customer as (
    select fees.customer_id, sum(cast(fees.income_amount - fees.expense_amount as decimal(38, 2)) * fx.cny_per_unit) as fee_net_income
    from read_parquet('{raw}/fees/*.parquet') as fees
    cross join params
    left join fx on fees.currency = fx.currency and fees.fee_date = fx.rate_date
    where fees.fee_date > params.window_start_exclusive and fees.fee_date <= params.as_of_date
    group by fees.customer_id
),

emerging as (
    select distinct customer_id from read_parquet('{raw}/customer_tags/*.parquet')
    where upper(tag) in ('INTERNET', 'IOT', 'MOBILE_PAYMENT')
),

customers as (
    select
        customers.customer_id,
        customers.org_type,
        customers.industry_code,
        customers.annual_sales_cny,
        customers.employees,
        customers.total_assets_cny,
        coalesce(deposits_by_customer.deposit_balance_days_cny, 0) / params.window_days as avg_daily_deposit_cny,
        coalesce(loans_by_customer.loan_balance_days_cny, 0) / params.window_days as avg_daily_loan_cny,
        coalesce(loans_by_customer.loan_balance_on_as_of_cny, 0) > 0 as has_loan,
        coalesce(loans_by_customer.loan_ftp_net_income, 0)
        + coalesce(deposits_by_customer.deposit_ftp_net_income, 0)
        + coalesce(fees_by_customer.fee_net_income, 0) as customer_value,
        emerging.customer_id is not null as is_emerging
    from read_parquet('{raw}/customers/*.parquet') as customers
    cross join params
    left join deposits_by_customer on customers.customer_id = deposits_by_customer.customer_id
    left join loans_by_customer on customers.customer_id = loans_by_customer.customer_id
    left join fees_by_customer on customers.customer_id = fees_by_customer.customer_id
    left join emerging on customers.customer_id = emerging.customer_id
),

classified as (
    select
        *,
        case when org_type = 'ENT' then 'CORPORATE' else 'INSTITUTIONAL' end as market_class,
        case
            when not has_loan and org_type = 'ENT' then 'CORPORATE_NO_LOAN'
            when not has_loan then 'INSTITUTIONAL_NO_LOAN'
            when org_type <> 'ENT' then 'INSTITUTIONAL'
            when industry_code like 'K70%' then 'REAL_ESTATE'
            when is_emerging then 'EMERGING'
            else 'TRADITIONAL'
        end as sub_class
    from customers
),

tiered as (
    select
        *,
        case
            when not has_loan then case when avg_daily_deposit_cny >= 500000 then 'ABOVE_SCALE' else 'BELOW_SCALE' end
            when org_type <> 'ENT' then 'INSTITUTIONAL'
            when annual_sales_cny is null then 'UNRATED'
            when annual_sales_cny >= case
                    when regexp_matches(industry_code, '^(H|I65|L|M|P|Q|R)') then 150000000 else 300000000 end
                then 'LARGE'
            when employees >= 100 and annual_sales_cny >= 10000000 then 'MEDIUM'
            else 'SMALL'
        end as tier
    from classified
),

scored as (
    select
        *,
        100 * percent_rank() over (
            partition by sub_class, tier order by avg_daily_deposit_cny + avg_daily_loan_cny
        ) as bank_value
    from tiered
),

thresholds as (
    select
        sub_class,
        tier,
        median(customer_value) as customer_value_threshold,
        median(bank_value) as bank_value_threshold
    from scored
    group by sub_class, tier
)

select
    scored.customer_id,
    scored.market_class,
    scored.sub_class,
    scored.tier,
    round(scored.customer_value, 2) as customer_value,
    scored.bank_value,
    case
        when scored.customer_value >= thresholds.customer_value_threshold and scored.customer_value >= 0
            then case when scored.bank_value >= thresholds.bank_value_threshold then 'IMPORTANT' else 'QUALITY' end
        else case when scored.bank_value >= thresholds.bank_value_threshold then 'ORDINARY' else 'EXIT' end
    end as quadrant
from scored
inner join thresholds on scored.sub_class = thresholds.sub_class and scored.tier = thresholds.tier
