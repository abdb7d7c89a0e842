"""`python -m segmentation_tools.pictures`: from the published marts of the test warehouse (published here
into a temporary serving folder) one scatter per (population, class, tier) group, the profit concentration
curve and one self-contained HTML page; from small synthetic serving databases the fallbacks (no
profit_concentration mart, a single as-of date, English-only labels) and the migration picture."""

from __future__ import annotations

import re
import warnings
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from segmentation_tools import pictures

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def published(published_serving_database: Path) -> Path:
    """The test warehouse's marts published as `make demo` would (every mart rebuilt and passed)."""
    return published_serving_database


def test_every_group_gets_a_scatter_and_the_page_embeds_every_picture(
    published: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pictures"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = pictures.render(published, out)
    assert not [w for w in caught if "Glyph" in str(w.message)], "a label was drawn without its glyphs"
    with duckdb.connect(str(published), read_only=True) as serving:
        groups = serving.execute(
            "select count(*) from (select distinct party_kind, sub_class, tier from customer_segments)"
        ).fetchall()[0][0]
    scatters = sorted(out.glob("matrix_*.png"))
    assert len(scatters) == groups > 1
    assert (out / "profit_concentration.png").exists()
    for png in [*scatters, out / "profit_concentration.png"]:
        assert png.read_bytes().startswith(PNG_SIGNATURE) and png.stat().st_size > 10_000
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == len(result.pictures) == len(list(out.glob("*.png")))
    assert not re.search(r'src="(?!data:)', page), "the page must not reference files"
    assert str(result.as_of_date) in page and result.version in page


def test_main_prints_one_summary_line_and_names_the_output(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert pictures.main(["--database", str(published), "--out", str(tmp_path / "p"), "--english-only"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("pictures: ") and "matrix scatters" in output and "index.html" in output
    assert "English-only labels" in output


def test_a_missing_serving_database_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert pictures.main(["--database", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "p")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def _synthetic_serving(path: Path, with_concentration: bool, with_migration: bool) -> Path:
    as_of = date(2026, 9, 30)
    with duckdb.connect(str(path)) as serving:
        serving.execute(
            """
            create table customer_segments as
            select
                ?::date as as_of_date,
                'C' || lpad(range::varchar, 4, '0') as party_id,
                'EXISTING' as party_kind,
                'TRADITIONAL' as sub_class,
                'LARGE' as tier,
                ((range % 7) - 3) * 250000.0 as customer_value,
                (range * 37 % 100)::decimal(18, 2) as bank_value,
                0.00::decimal(18, 2) as customer_value_threshold,
                50.00::decimal(18, 2) as bank_value_threshold,
                case when range % 7 >= 3 then 'HIGH' else 'LOW' end as customer_value_level,
                case when range * 37 % 100 >= 50 then 'HIGH' else 'LOW' end as bank_value_level
            from range(60)
            """,
            [as_of],
        )
        serving.execute(
            """
            create table customer_profitability as
            select as_of_date, party_id as customer_id, customer_value as profit_contribution
            from customer_segments
            """
        )
        if with_concentration:
            serving.execute(
                """
                create table profit_concentration as
                select ?::date as as_of_date, x::decimal(9, 4) as top_customer_percent,
                    (100 * sqrt(x / 100))::decimal(9, 4) as profit_share_percent,
                    null::decimal(18, 4) as net_profit_share_percent
                from (select unnest([1, 10, 20, 50, 100]) as x)
                """,
                [as_of],
            )
        serving.execute(
            """
            create table segment_migration (
                as_of_date date, previous_as_of_date date, party_kind varchar,
                from_tier varchar, to_tier varchar, from_quadrant varchar, to_quadrant varchar,
                migration_type varchar, parties integer
            )
            """
        )
        if with_migration:
            serving.execute(
                """
                insert into segment_migration values
                ('2026-09-30', '2026-08-31', 'EXISTING', 'LARGE', 'LARGE', 'EXIT', 'IMPORTANT', 'STABLE', 40),
                ('2026-09-30', '2026-08-31', 'EXISTING', 'MEDIUM', 'LARGE', 'EXIT', 'EXIT', 'UPGRADE', 15),
                ('2026-09-30', '2026-08-31', 'EXISTING', 'NEW', 'LARGE', 'NEW', 'QUALITY', 'NEW', 5),
                ('2026-09-30', '2026-08-31', 'EXISTING', 'SMALL', 'LOST', 'EXIT', 'LOST', 'LOST', 3)
                """
            )
    return path


def test_the_curve_falls_back_to_customer_profitability_and_single_dates_skip_migration(
    tmp_path: Path,
) -> None:
    database = _synthetic_serving(tmp_path / "serving.duckdb", with_concentration=False, with_migration=False)
    result = pictures.render(database, tmp_path / "out", english_only=True)
    notes = " ".join(result.notes)
    assert "computed from customer_profitability" in notes
    assert "single as-of date" in notes
    assert "English-only labels" in notes
    assert (tmp_path / "out" / "profit_concentration.png").exists()
    assert not (tmp_path / "out" / "segment_migration.png").exists()
    assert [p.file_name for p in result.pictures if p.file_name.startswith("matrix_")] == [
        "matrix_existing_traditional_large.png"
    ]
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "computed from customer_profitability" in page


def test_the_published_curve_and_the_latest_migration_are_drawn(tmp_path: Path) -> None:
    database = _synthetic_serving(tmp_path / "serving.duckdb", with_concentration=True, with_migration=True)
    result = pictures.render(database, tmp_path / "out")
    names = [picture.file_name for picture in result.pictures]
    assert "segment_migration.png" in names and "profit_concentration.png" in names
    migration = next(p for p in result.pictures if p.file_name == "segment_migration.png")
    assert "2026-08-31 → 2026-09-30" in migration.caption and "UPGRADE 15" in migration.caption
    concentration = next(p for p in result.pictures if p.file_name == "profit_concentration.png")
    assert "source: profit_concentration" in concentration.caption and "44.7%" in concentration.caption


def test_the_fallback_curve_follows_decision_h006() -> None:
    profits = [Decimal(100), Decimal(50), Decimal(0), Decimal(-30)]
    curve = {x: (share, net) for x, share, net in pictures._curve_from_profits(profits)}
    assert curve[100.0] == (100.0, 100.0)
    assert curve[20.0][0] == pytest.approx(100 / 150 * 100)  # top ceil(0.8) = 1 customer
    assert curve[50.0] == (100.0, pytest.approx(150 / 120 * 100))  # the net "whale" share passes 100 %
    assert pictures._curve_from_profits([Decimal(-5)]) == []
