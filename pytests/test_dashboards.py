"""The dashboards (README "Serving and BI"), started as `make dashboards` starts them
(dashboards/serve.py in .venv-dashboards) over the test warehouse's marts in the published format, every page
opened in headless Chromium (pytests/chromium.py), screenshotted into reports/artifacts/dashboard_*.png, and
numbers shown on each page compared with the build's marts: the matrices' cells and totals, a drill-down
from a cell to its customers, the six strategies of a segment, the profit total and the top-20% share, the
structure trend. The launcher's failures (no serving database, port busy) are one line each."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
import yaml
from chromium import Chromium, chromium_binary

from segmentation_tools import publish

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = PROJECT / ".venv-dashboards" / "bin" / "python"
SERVE = PROJECT / "dashboards" / "serve.py"
ARTIFACTS = PROJECT / "reports" / "artifacts"
METRICS = (
    "Object.fromEntries(Array.from(document.querySelectorAll('[data-testid=\"stMetric\"]')).map(m => "
    "[m.querySelector('[data-testid=\"stMetricLabel\"]').innerText.trim(), "
    "m.querySelector('[data-testid=\"stMetricValue\"]').innerText.trim()]))"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _amount(value: Decimal) -> str:
    return f"{value:,.2f}"


@pytest.fixture(scope="module")
def dashboards(serving_dir: Path) -> Iterator[str]:
    if not PYTHON.exists():
        pytest.fail("no .venv-dashboards: run `make bi-clients` (or `make dashboards`)")
    port = _free_port()
    server = subprocess.Popen(
        [
            str(PYTHON),
            str(SERVE),
            "--database",
            str(serving_dir / publish.SERVING_DATABASE),
            "--port",
            str(port),
        ],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"the dashboards did not start: {server.communicate()[0][-2000:]}")
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    binary = chromium_binary()
    if binary is None:
        pytest.skip("chromium not found: run `make system-deps` (apt-get install chromium) to run this test")
    browser = Chromium(binary)
    try:
        yield browser
    finally:
        browser.close()


def _open(browser: Chromium, url: str, ready_label: str, screenshot: str) -> dict[str, str]:
    """Open a page, wait until the metric labelled `ready_label` shows a value and Streamlit has finished the
    run, screenshot it and return the metrics shown (label -> value)."""
    browser.open(url)
    browser.wait_for(f"(({METRICS})[{ready_label!r}] || '').length > 0", timeout=90)
    _settle(browser)
    browser.screenshot(ARTIFACTS / f"dashboard_{screenshot}.png")
    loaded = browser.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
    origin = url.split("/", 3)[:3]
    remote = [
        name
        for name in loaded
        if name.split("/", 3)[:3] != origin and not name.startswith(("data:", "blob:"))
    ]
    assert not remote, f"the page loaded files from elsewhere than the local server: {remote[:5]}"
    return browser.evaluate(METRICS)


def _settle(browser: Chromium) -> None:
    """Wait until Streamlit has finished the run and the tables are laid out, then let the canvases draw."""
    browser.wait_for("!document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60)
    browser.wait_for(
        "Array.from(document.querySelectorAll('[data-testid=\"stDataFrame\"]'))"
        ".every(d => d.getBoundingClientRect().width > 200)",
        timeout=30,
    )
    time.sleep(1.5)


def _one(warehouse: duckdb.DuckDBPyConnection, sql: str, parameters: list | None = None):
    return warehouse.execute(sql, parameters or []).fetchall()[0]


def test_overview_shows_the_published_version(dashboards: str, browser: Chromium, warehouse) -> None:
    metrics = _open(browser, f"{dashboards}/", "数据日期 As-of date", "overview")
    (as_of,) = _one(warehouse, "select max(as_of_date)::varchar from marts.customer_segments")
    assert metrics["数据日期 As-of date"] == as_of
    assert metrics["已发布表 Published marts"] == str(len(publish.mart_tables(warehouse)))


@pytest.mark.parametrize(("population", "mart"), [("EXISTING", "existing"), ("TARGET", "target")])
def test_the_matrix_cells_and_the_drill_down_show_the_marts_numbers(
    population: str, mart: str, dashboards: str, browser: Chromium, warehouse
) -> None:
    as_of, sub_class, tier, quadrant, parties, total_value = _one(
        warehouse,
        f"select as_of_date::varchar, sub_class, tier, quadrant, parties, total_customer_value "
        f"from marts.segment_matrix_{mart} "
        f"where as_of_date = (select max(as_of_date) from marts.segment_matrix_{mart}) "
        "order by parties desc, sub_class, tier, quadrant limit 1",
    )
    (all_parties,) = _one(
        warehouse,
        f"select sum(parties) from marts.segment_matrix_{mart} where as_of_date = ?",
        [as_of],
    )
    metrics = _open(browser, f"{dashboards}/matrix-{mart}", "客户数 Parties", f"matrix_{mart}")
    assert metrics["客户数 Parties"] == f"{all_parties:,}"
    cell = f"document.getElementById('cell-{population}-{sub_class}-{tier}-{quadrant}')"
    shown = browser.evaluate(f"{cell}.querySelector('.parties').innerText")
    assert shown == f"{parties:,}"
    assert _amount(total_value) in browser.evaluate(f"{cell}.innerText")

    browser.evaluate(f"{cell}.querySelector('a').click(); true")
    browser.wait_for("location.pathname.endsWith('/customers')", timeout=30)
    browser.wait_for(f"(({METRICS})['客户数 Parties'] || '') == {f'{parties:,}'!r}", timeout=90)
    _settle(browser)
    browser.screenshot(ARTIFACTS / f"dashboard_customers_{mart}.png")
    (customers,) = _one(
        warehouse,
        "select count(*) from marts.customer_segments where party_kind = ? and sub_class = ? and tier = ? "
        "and quadrant = ? and as_of_date = cast(? as date)",
        [population, sub_class, tier, quadrant, as_of],
    )
    assert customers == parties
    assert browser.evaluate(METRICS)["客户价值合计 Total customer value"] == _amount(total_value)


def test_the_six_strategies_of_a_segment(dashboards: str, browser: Chromium, warehouse) -> None:
    sub_class, tier, parties, product, relationship = _one(
        warehouse,
        "select sub_class, tier, count(*), any_value(product_strategy), any_value(relationship_strategy) "
        "from marts.customer_segments where party_kind = 'EXISTING' and quadrant = 'IMPORTANT' "
        "group by all "
        "having count(distinct product_strategy) = 1 and count(distinct relationship_strategy) = 1 "
        "order by count(*) desc, sub_class, tier limit 1",
    )
    url = f"{dashboards}/strategies?population=EXISTING&quadrant=IMPORTANT&sub_class={sub_class}&tier={tier}"
    metrics = _open(browser, url, "客户数 Parties in the segment", "strategies")
    assert metrics["客户数 Parties in the segment"] == f"{parties:,}"
    text = browser.evaluate("document.body.innerText")
    for label in ("产品策略", "价格策略", "服务策略", "营销策略", "流程策略", "客户关系策略"):
        assert label in text
    assert product in text and relationship in text


def test_profit_waterfall_and_concentration(dashboards: str, browser: Chromium, warehouse) -> None:
    total, customers = _one(
        warehouse,
        "select sum(profit_contribution), count(*) from marts.customer_profitability "
        "where as_of_date = (select max(as_of_date) from marts.customer_profitability)",
    )
    (top_share,) = _one(
        warehouse,
        "select profit_share_percent from marts.profit_concentration where top_customer_percent = 20 "
        "and as_of_date = (select max(as_of_date) from marts.profit_concentration)",
    )
    metrics = _open(
        browser, f"{dashboards}/profit", "利润贡献度合计 Total profit contribution (CNY)", "profit"
    )
    assert metrics["利润贡献度合计 Total profit contribution (CNY)"] == _amount(total)
    assert metrics["存量客户 Existing customers"] == f"{customers:,}"
    assert metrics["前20%客户利润占比 Share of positive profit from the top 20%"] == f"{top_share:.2f}%"
    charts = browser.evaluate(
        'document.querySelectorAll(\'[data-testid="stVegaLiteChart"] canvas, '
        '[data-testid="stVegaLiteChart"] svg\').length'
    )
    assert charts >= 2, "the waterfall and the Pareto curve are drawn"


def test_structure_trend(dashboards: str, browser: Chromium, warehouse) -> None:
    as_of, parties = _one(
        warehouse,
        "select as_of_date::varchar, parties from marts.segment_structure_trend "
        "where structure_level = 'TOTAL' and party_kind = 'EXISTING' order by as_of_date desc limit 1",
    )
    label = f"客户数 Parties on {as_of}"
    metrics = _open(browser, f"{dashboards}/trend", label, "trend")
    assert metrics[label] == f"{parties:,}"


def test_data_quality(dashboards: str, browser: Chromium, warehouse) -> None:
    raw, rejected = _one(
        warehouse, "select sum(raw_rows), sum(rejected_rows) from marts.source_reconciliation"
    )
    metrics = _open(browser, f"{dashboards}/data-quality", "原始行数 Raw rows", "data_quality")
    assert metrics["原始行数 Raw rows"] == f"{raw:,}"
    assert metrics["隔离行数 Quarantined rows"] == f"{rejected:,}"


def test_every_exposure_url_is_a_page_of_the_dashboards_or_a_file_of_the_project(
    dashboards: str, browser: Chromium
) -> None:
    exposures = yaml.safe_load((PROJECT / "models" / "exposures.yml").read_text(encoding="utf-8"))[
        "exposures"
    ]
    for exposure in exposures:
        url = exposure["url"]
        if url.startswith("http://localhost:8501/"):
            path = url.removeprefix("http://localhost:8501")
            browser.open(f"{dashboards}{path}")
            browser.wait_for(
                "document.querySelectorAll('[data-testid=\"stHeading\"]').length > 0", timeout=90
            )
            # Streamlit sends an unknown page to the overview: the page must keep its own path.
            assert browser.evaluate("location.pathname") == path, (exposure["name"], url)
        else:
            # A link relative to the docs site: a page a make target writes, or a tool's source file.
            target = (PROJECT / "reports" / "docs" / url).resolve()
            written = PROJECT / "reports" / "pictures" / "index.html"
            tool = target.is_relative_to(PROJECT / "segmentation_tools") and target.is_file()
            assert target == written or tool, url


def test_the_launcher_reports_a_missing_database_and_a_busy_port_in_one_line(tmp_path: Path) -> None:
    if not PYTHON.exists():
        pytest.fail("no .venv-dashboards: run `make bi-clients` (or `make dashboards`)")
    missing = subprocess.run(
        [str(PYTHON), str(SERVE), "--database", str(tmp_path / "none.duckdb")], capture_output=True, text=True
    )
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
    assert "no serving database" in missing.stderr and "make demo" in missing.stderr
    unreadable = tmp_path / "written_by_duckdb_2_default.duckdb"
    with duckdb.connect(str(unreadable)) as connection:
        connection.execute("create table publish_manifest as select 1 as version")
    refused = subprocess.run(
        [str(PYTHON), str(SERVE), "--database", str(unreadable)], capture_output=True, text=True
    )
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "not a readable serving database" in refused.stderr
    database = tmp_path / "serving.duckdb"
    with duckdb.connect() as connection:
        connection.execute(
            f"attach '{database}' as serving (storage_version '{publish.SERVING_STORAGE_VERSION}')"
        )
        connection.execute("create table serving.publish_manifest as select 1 as version")
    with socket.socket() as occupied:
        occupied.bind(("127.0.0.1", 0))
        occupied.listen()
        port = occupied.getsockname()[1]
        busy = subprocess.run(
            [str(PYTHON), str(SERVE), "--database", str(database), "--port", str(port)],
            capture_output=True,
            text=True,
        )
    assert busy.returncode == 2 and busy.stderr.count("\n") == 1 and f"port {port}" in busy.stderr
