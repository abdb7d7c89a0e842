"""At the demo size (3000 customers x 24 months) every rule of the SPEC has data to act on."""

from __future__ import annotations

EMERGING = "('INTERNET', 'IOT', 'MOBILE_PAYMENT')"
ON_BALANCE = "('WORKING_CAPITAL', 'FIXED_ASSET', 'PROJECT', 'TRADE_FINANCE', 'DISCOUNT')"
WITH_LOAN = f"""(
    select l.customer_id from loan_balances as b join loans as l using (loan_id)
    where b.balance_date = date '2026-09-30' and l.product_code in {ON_BALANCE} and b.balance > 0
)"""
AVG_DEPOSIT = """(
    select a.customer_id, sum(b.balance::double * coalesce(f.cny_per_unit::double, 1)) / 365 as avg_cny
    from deposit_balances as b join deposit_accounts as a using (account_id)
    asof left join fx_rates as f on f.currency = a.currency and f.rate_date <= b.balance_date
    where b.balance_date > date '2025-09-30'
    group by 1
)"""
EFFECTIVE = (
    "effective_from <= date '2026-09-30' and (effective_to is null or effective_to >= date '2026-09-30')"
)


def one(con, sql):
    return con.sql(sql).fetchall()[0][0]


def test_real_estate_and_emerging_borrowers(demo):
    real_estate = (
        f"select count(*) from customers where industry_code = 'K7010' and customer_id in {WITH_LOAN}"
    )
    assert one(demo, real_estate) >= 20
    tagged = f"""select count(distinct customer_id) from customer_tags
                 where tag in {EMERGING} and customer_id in {WITH_LOAN}"""
    assert one(demo, tagged) >= 50
    for tag in ("INTERNET", "IOT", "MOBILE_PAYMENT"):
        assert one(demo, f"select count(*) from customer_tags where tag = '{tag}'") >= 30
    share = f"""select count(distinct t.customer_id) / (select count(*) from customers where org_type = 'ENT')
                from customer_tags as t join customers as c using (customer_id)
                where t.tag in {EMERGING} and c.org_type = 'ENT'"""
    assert 0.08 <= one(demo, share) <= 0.16
    multi = f"""select count(*) from (select customer_id from customer_tags
                where tag in {EMERGING} group by 1 having count(*) >= 2)"""
    assert one(demo, multi) > 0
    tagged_real_estate = f"""select count(*) from customer_tags as t join customers as c using (customer_id)
                             where c.industry_code like 'K70%' and t.tag in {EMERGING}"""
    assert one(demo, tagged_real_estate) > 0


def test_sales_exactly_on_the_large_thresholds(demo):
    for amount in ("300000000.00", "150000000.00"):
        borrowers = f"""select count(*) from customers where annual_sales_cny = {amount} and org_type = 'ENT'
                        and customer_id in {WITH_LOAN}"""
        assert one(demo, borrowers) >= 2, amount


def test_institutions_of_every_level_with_and_without_loans(demo):
    rows = demo.sql(
        f"""select admin_level, customer_id in {WITH_LOAN} as has_loan, count(*) from customers
            where org_type <> 'ENT' group by all"""
    ).fetchall()
    seen = {(level, has_loan) for level, has_loan, n in rows if n > 0}
    for level in ("CENTRAL", "PROVINCIAL", "MUNICIPAL", "COUNTY"):
        assert (level, True) in seen and (level, False) in seen, level


def test_no_loan_customers_above_and_below_500k(demo):
    sql = f"""select count(*) filter (where coalesce(d.avg_cny, 0) >= 500000),
                     count(*) filter (where coalesce(d.avg_cny, 0) < 500000)
              from customers as c left join {AVG_DEPOSIT} as d using (customer_id)
              where c.customer_id not in {WITH_LOAN} and c.org_type = ?"""
    for org in ("ENT", "GOV", "PUB", "SOC"):
        above, below = demo.execute(sql, [org]).fetchall()[0]
        assert above > 0, org
        if org != "GOV":  # government agencies hold large fiscal deposits
            assert below > 0, org


def test_national_size_classes_all_present(demo):
    # industry group B, C, D (SPEC 7): large X>=1000 and Y>=40000万, medium X>=300 and Y>=2000万,
    # small X>=20 and Y>=300万
    sql = """select case when employees >= 1000 and annual_sales_cny >= 400000000 then 'LARGE'
                         when employees >= 300 and annual_sales_cny >= 20000000 then 'MEDIUM'
                         when employees >= 20 and annual_sales_cny >= 3000000 then 'SMALL'
                         else 'MICRO' end, count(*)
             from customers where substr(industry_code, 1, 1) in ('B', 'C', 'D')
             and employees is not null and annual_sales_cny is not null group by 1"""
    classes = dict(demo.sql(sql).fetchall())
    for size in ("LARGE", "MEDIUM", "SMALL", "MICRO"):
        assert classes.get(size, 0) >= 5, (size, classes)


def test_strategic_members_with_and_without_loans(demo):
    sql = f"""select c.customer_id in {WITH_LOAN}, count(*) from customers as c join strategic_list as s
              on s.entity_type = 'GROUP' and s.entity_id = c.group_id where {EFFECTIVE} group by 1"""
    counts = dict(demo.sql(sql).fetchall())
    assert counts.get(True, 0) > 0 and counts.get(False, 0) > 0
    in_group = f"""select count(*) from prospects where group_id in
                   (select entity_id from strategic_list where {EFFECTIVE})"""
    assert one(demo, in_group) > 0


def test_some_customers_are_not_existing(demo):
    sql = """select count(*) from customers as c
             where not exists (select 1 from deposit_accounts as a where a.customer_id = c.customer_id
                               and (a.close_date is null or a.close_date > date '2024-10-01'))
             and not exists (select 1 from loan_balances as b join loans as l using (loan_id)
                             where l.customer_id = c.customer_id)"""
    assert 20 <= one(demo, sql) <= 120  # ~2% of 3000


def test_distribution_targets(demo):
    orgs = dict(demo.sql("select org_type, count(*) / 3000 from customers group by 1").fetchall())
    assert abs(orgs["ENT"] - 0.82) < 0.03
    median_sales = one(demo, "select median(annual_sales_cny) from customers where org_type = 'ENT'")
    assert 55e6 <= median_sales <= 110e6
    assert one(demo, "select max(annual_sales_cny) from customers") > 1e10
    ent_with_loans = """select count(distinct customer_id)
                               / (select count(*) from customers where org_type = 'ENT')
                        from loans join customers using (customer_id) where org_type = 'ENT'"""
    assert 0.38 <= one(demo, ent_with_loans) <= 0.52
    normal = "select count(*) filter (where five_level_class = 'NORMAL') / count(*) from loan_balances"
    assert 0.88 <= one(demo, normal) <= 0.97
    assert 0.05 <= one(demo, "select count(close_date) / count(*) from deposit_accounts") <= 0.12
    term_12m = "select count(*) from loans where maturity_date = start_date + interval 12 month"
    term_12m_1d = (
        "select count(*) from loans where maturity_date = start_date + interval 12 month + interval 1 day"
    )
    assert one(demo, term_12m) > 0 and one(demo, term_12m_1d) > 0
    pre_period = """select count(*) from loans
                    where start_date < date '2024-10-01' and maturity_date > date '2024-10-01'"""
    matures_inside = """select count(*) from loans
                        where maturity_date between date '2024-10-02' and date '2026-09-30'"""
    assert one(demo, pre_period) > 0 and one(demo, matures_inside) > 0
