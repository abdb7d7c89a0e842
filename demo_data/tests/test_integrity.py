"""Referential integrity and the row-level rules of the raw contract (SPEC sections 3 and 8)."""

from __future__ import annotations

import datetime as dt

import pytest

END = dt.date(
    2026, 9, 30
)  # small run: 3 months ending September 2026 -> data period 2026-07-01 .. 2026-09-30
EFFECTIVE = (
    "effective_from <= date '2026-09-30' and (effective_to is null or effective_to >= date '2026-09-30')"
)


def one(con, sql):
    return con.sql(sql).fetchall()[0][0]


@pytest.mark.parametrize(
    ("child", "column", "parent", "parent_column"),
    [
        ("loan_balances", "loan_id", "loans", "loan_id"),
        ("deposit_balances", "account_id", "deposit_accounts", "account_id"),
        ("account_activity", "account_id", "deposit_accounts", "account_id"),
        ("loans", "customer_id", "customers", "customer_id"),
        ("deposit_accounts", "customer_id", "customers", "customer_id"),
        ("fees", "customer_id", "customers", "customer_id"),
        ("customer_tags", "customer_id", "customers", "customer_id"),
    ],
)
def test_foreign_keys(small, child, column, parent, parent_column):
    sql = f"select count(*) from {child} where {column} not in (select {parent_column} from {parent})"
    assert one(small, sql) == 0


def test_strategic_entities_exist(small):
    groups = "select group_id from customers where group_id is not null"
    ids = "select customer_id from customers"
    checks = [
        "select count(*) from strategic_list where entity_type not in ('GROUP', 'CUSTOMER')",
        f"select count(*) from strategic_list where entity_type = 'GROUP' and entity_id not in ({groups})",
        f"select count(*) from strategic_list where entity_type = 'CUSTOMER' and entity_id not in ({ids})",
        f"select count(*) from prospects where group_id not in ({groups})",
        "select count(*) from strategic_list where effective_to < effective_from",
    ]
    for sql in checks:
        assert one(small, sql) == 0, sql


def test_strategic_list_shape_at_demo_size(demo):
    groups = f"select count(*) from strategic_list where entity_type = 'GROUP' and {EFFECTIVE}"
    assert one(demo, groups) == 94
    customers = f"select count(*) from strategic_list where entity_type = 'CUSTOMER' and {EFFECTIVE}"
    assert one(demo, customers) == 10
    assert one(demo, "select count(*) from strategic_list where effective_to < date '2026-06-30'") == 8
    assert one(demo, "select count(*) from strategic_list where effective_from > date '2026-09-30'") == 3


def test_branch_in_exactly_one_region(small, demo):
    sql = """select count(*) from (
               select branch_code from (select branch_code, region_code from customers
                                        union all select branch_code, region_code from prospects)
               group by 1 having count(distinct region_code) > 1)"""
    for con in (small, demo):
        assert one(con, sql) == 0
    assert one(demo, "select count(distinct branch_code) from customers") == 20
    assert one(demo, "select count(distinct region_code) from customers") == 6


def test_each_customer_has_exactly_one_basic_account(small):
    sql = """select count(*) from customers as c where (select count(*) from deposit_accounts as a
             where a.customer_id = c.customer_id and a.account_type = 'BASIC') <> 1"""
    assert one(small, sql) == 0


def test_deposit_balances_exactly_on_open_days(small):
    outside = """select count(*) from deposit_balances as b join deposit_accounts as a using (account_id)
                 where b.balance_date < a.open_date
                    or b.balance_date >= coalesce(a.close_date, date '9999-12-31')
                    or b.balance_date not between date '2026-07-01' and date '2026-09-30'"""
    assert one(small, outside) == 0
    expected = """select sum(greatest(0, least(coalesce(close_date - 1, date '2026-09-30'), date '2026-09-30')
                                  - greatest(open_date, date '2026-07-01') + 1))
                  from deposit_accounts"""
    assert one(small, expected) == one(small, "select count(*) from deposit_balances")
    assert one(small, "select count(*) from deposit_balances where balance < 0") == 0
    assert one(small, "select count(*) from deposit_accounts where close_date <= open_date") == 0


def test_loan_balances_cover_the_loan_life(small):
    expected = """select sum(greatest(0, least(maturity_date - 1, date '2026-09-30')
                                  - greatest(start_date, date '2026-07-01') + 1))
                  from loans"""
    assert one(small, expected) == one(small, "select count(*) from loan_balances")
    bad = """select count(*) from loan_balances as b join loans as l using (loan_id)
             where b.balance_date < l.start_date or b.balance_date >= l.maturity_date
                or b.balance <= 0 or b.balance > l.principal_amount"""
    assert one(small, bad) == 0
    assert one(small, "select count(*) from loans where maturity_date <= start_date") == 0
    assert one(small, "select count(*) from loans where principal_amount < 100000") == 0


def test_five_level_class_never_improves(small):
    sql = """with ranked as (
               select loan_id, balance_date,
                 list_position(['NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS'],
                               five_level_class) as r
               from loan_balances)
             select count(*) from (select r, lag(r) over (partition by loan_id order by balance_date) as prev
                                   from ranked) where r < prev or r is null"""
    assert one(small, sql) == 0


def test_account_activity_per_open_month(small):
    sql = """select count(*) from account_activity
             where day(activity_month) <> 1 or txn_count < 0 or txn_amount_cny < 0
                or activity_month not between date '2026-07-01' and date '2026-09-30'"""
    assert one(small, sql) == 0
    open_months = (
        """(select distinct account_id, date_trunc('month', balance_date) as m from deposit_balances)"""
    )
    missing = f"""select count(*) from {open_months} as b anti join account_activity as a
                  on a.account_id = b.account_id and a.activity_month = b.m"""
    assert one(small, missing) == 0
    extra = f"""select count(*) from account_activity as a anti join {open_months} as b
                on a.account_id = b.account_id and a.activity_month = b.m"""
    assert one(small, extra) == 0


def test_fees_in_period_and_expense_below_income(small):
    sql = """select count(*) from fees
             where fee_date not between date '2026-07-01' and date '2026-09-30'
                or income_amount <= 0 or expense_amount < 0 or expense_amount >= income_amount"""
    assert one(small, sql) == 0


def test_cost_pools_every_branch_month_pool(small):
    assert one(small, "select count(*) from cost_pools") == 20 * 3 * 5
    assert one(small, "select count(*) from cost_pools where day(cost_month) <> 1 or amount_cny <= 0") == 0


def test_fx_covers_every_foreign_amount(small):
    needed = """
        select currency, balance_date as d from loan_balances join loans using (loan_id)
                  where currency <> 'CNY'
        union all select currency, start_date from loans where currency <> 'CNY'
        union all select currency, balance_date from deposit_balances join deposit_accounts using (account_id)
                  where currency <> 'CNY'
        union all select currency, fee_date from fees where currency <> 'CNY'"""
    uncovered = f"""select count(*) from ({needed}) as n where not exists (
                      select 1 from fx_rates as r where r.currency = n.currency and r.rate_date <= n.d)"""
    assert one(small, f"select count(*) from ({needed})") > 0
    assert one(small, uncovered) == 0
    assert one(small, "select count(*) from fx_rates where dayofweek(rate_date) in (0, 6)") == 0
    assert one(small, "select max(rate_date) from fx_rates") == END
    ranges = small.sql("select currency, min(cny_per_unit), max(cny_per_unit) from fx_rates group by 1")
    bounds = {"USD": (7.1, 7.3), "EUR": (7.6, 8.0), "HKD": (0.91, 0.93)}
    for cur, lo, hi in ranges.fetchall():
        assert bounds[cur][0] <= lo <= hi <= bounds[cur][1]


def test_ftp_curve_covers_every_start_and_slopes_upward(small):
    first = one(small, "select min(curve_date) from ftp_curve")
    assert first <= one(small, "select min(start_date) from loans")
    assert first <= one(small, "select min(open_date) from deposit_accounts")
    assert one(small, "select count(distinct term_months) from ftp_curve") == 8
    not_upward = """select count(*) from (select ftp_rate, lag(ftp_rate) over (partition by curve_date
                    order by term_months) as prev from ftp_curve) where ftp_rate <= prev"""
    assert one(small, not_upward) == 0
    assert one(small, "select count(*) from ftp_curve where day(curve_date) <> 1") == 0


def test_balances_stay_below_total_bank_financing(small):
    # note: DECIMAL(18,2) * DECIMAL(18,8) overflows in DuckDB, hence the casts
    sql = """
      with daily as (
        select a.customer_id, b.balance_date as d, b.balance, a.currency
        from deposit_balances as b join deposit_accounts as a using (account_id)
        union all
        select l.customer_id, b.balance_date, b.balance, l.currency
        from loan_balances as b join loans as l using (loan_id)),
      fx as (select * from fx_rates union all select distinct rate_date, 'CNY', 1 from fx_rates),
      cny as (select daily.customer_id, daily.d, daily.balance::double * fx.cny_per_unit::double as amount
              from daily asof join fx on fx.currency = daily.currency and fx.rate_date <= daily.d),
      peak as (select customer_id, max(total) as peak
               from (select customer_id, d, sum(amount) as total from cny group by all) group by all)
      select count(*) from peak join customers using (customer_id)
      where total_bank_financing_cny is not null and peak > total_bank_financing_cny"""
    assert one(small, sql) == 0


def test_value_ranges(small):
    checks = {
        "customers": """org_type not in ('ENT', 'GOV', 'PUB', 'SOC')
                        or (org_type = 'ENT') <> (admin_level is null)
                        or satisfaction_score not between 1 and 5 or employees < 3 or annual_sales_cny < 0
                        or relationship_start_date not between date '1995-01-01' and date '2026-09-30'
                        or length(uscc) <> 18 or not regexp_matches(industry_code, '^[A-T][0-9]{4}$')""",
        "loans": """risk_grade not between 1 and 10 or interest_rate < 0 or interest_rate > 0.07
                    or collateral_type not in ('UNSECURED', 'GUARANTEED', 'MORTGAGE', 'PLEDGE')""",
        "deposit_accounts": """(product_code = 'TIME') <> (term_months is not null)
                               or term_months not in (3, 6, 12, 24, 36, 60)
                               or interest_rate not between 0.001 and 0.025""",
        "prospects": """revenue_growth_rate not between -0.3 and 0.8
                        or market_influence_score not between 0 and 100
                        or service_convenience_score not between 0 and 100
                        or lifecycle_stage not in ('STARTUP', 'GROWTH', 'MATURE', 'DECLINE')""",
    }
    for table, condition in checks.items():
        assert one(small, f"select count(*) from {table} where {condition}") == 0, table
