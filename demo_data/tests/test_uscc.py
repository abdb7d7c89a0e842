"""GB 32100 / GB 11714 check characters, and the credit codes of the generated parties."""

from __future__ import annotations

from demo_data import org_code_check_char, uscc_check_char, uscc_is_valid

KNOWN_VALID = "91350100M000100Y43"  # public example of a unified social credit code


def test_known_valid_code():
    assert uscc_is_valid(KNOWN_VALID)
    assert uscc_is_valid(KNOWN_VALID, check_org_code=True)
    assert uscc_check_char(KNOWN_VALID[:17]) == "3"
    assert org_code_check_char("M000100Y") == "4"


def test_corrupted_codes_fail():
    assert not uscc_is_valid("91350100M000100Y44")  # wrong check character
    assert not uscc_is_valid("91350100M000100Y34")  # transposed
    assert not uscc_is_valid("91350100M000100Y4")  # too short
    assert not uscc_is_valid("91350100M000100I43")  # I is not in the charset
    assert not uscc_is_valid(None)


def test_org_code_check():
    first17 = "91350100M000100Y5"  # organisation-code check character 5 instead of 4
    code = first17 + uscc_check_char(first17)
    assert uscc_is_valid(code)
    assert not uscc_is_valid(code, check_org_code=True)


def test_lower_case_is_accepted():
    assert uscc_is_valid(KNOWN_VALID.lower())


def _codes(con, table):
    return [r[0] for r in con.sql(f"select uscc from {table}").fetchall()]


def test_generated_codes_are_valid(small):
    for table in ("customers", "prospects"):
        for code in _codes(small, table):
            assert uscc_is_valid(code, check_org_code=True), code


def test_codes_unique_except_deliberate_duplicates(small):
    customers = _codes(small, "customers")
    assert len(set(customers)) == len(customers)
    # prospects: ~1% copy a customer's code (possibly lower-case), a few pairs copy each other
    matched = small.sql(
        "select count(*) from prospects p join customers c on upper(p.uscc) = c.uscc"
    ).fetchall()[0][0]
    assert matched == 1  # round(1% of 100 prospects)
    pairs = small.sql(
        "select count(*) from (select upper(uscc) from prospects group by 1 having count(*) > 1)"
    ).fetchall()[0][0]
    assert pairs >= 1
    triples = small.sql("select count(*) from (select uscc from prospects group by 1 having count(*) > 2)")
    assert triples.fetchall()[0][0] == 0
