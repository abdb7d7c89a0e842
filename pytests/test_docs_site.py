"""The auditors' docs site (README "Auditing").

`make docs` runs `dbt docs generate --static` and copies target/static_index.html to reports/docs/index.html
(`make test` does so on the test warehouse before pytest). These tests read what it generated:
  - dbt-free checks on target/manifest.json and target/catalog.json: every model, seed, source, macro and
    column (as built, from the catalog) is described; every published mart has an enforced contract with a
    data type per column and is used by an exposure; the overview page is the project's;
  - the site itself in headless Chromium (Debian's `chromium`, installed by `make system-deps`): the model
    page of customer_segments opens, its lineage graph is drawn and shows every raw source upstream of it.
    Screenshots are kept in reports/artifacts/. Skipped, with the reason, only when no chromium binary can be
    found.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from chromium import Chromium, chromium_binary

PACKAGE = "corporate_segmentation"
TARGET = Path(os.environ.get("DBT_TARGET_PATH", "target"))
SITE = Path(os.environ.get("DOCS_SITE", "reports/docs/index.html"))
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", "reports/artifacts"))
MODEL = f"model.{PACKAGE}.customer_segments"


def _load(name: str) -> dict:
    path = TARGET / name
    if not path.exists():
        pytest.fail(f"no {path}: run `make docs` (dbt docs generate --static) first")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest() -> dict:
    return _load("manifest.json")


@pytest.fixture(scope="module")
def catalog() -> dict:
    return _load("catalog.json")


def _own(nodes: dict) -> dict:
    return {uid: node for uid, node in nodes.items() if node.get("package_name") == PACKAGE}


def _marts(manifest: dict) -> dict:
    return {
        uid: node
        for uid, node in _own(manifest["nodes"]).items()
        if node["resource_type"] == "model" and node["original_file_path"].startswith("models/marts/")
    }


def undocumented(manifest: dict, catalog: dict) -> list[str]:
    """Every model, seed, snapshot, source and column without a description (columns as built: catalog)."""
    missing = []
    documentable = {"model", "seed", "snapshot"}
    for uid, node in _own(manifest["nodes"]).items():
        if node["resource_type"] not in documentable:
            continue
        if not node["description"].strip():
            missing.append(
                f"{node['resource_type']} {node['name']} ({node['original_file_path']}): no description"
            )
        described = {name.lower(): column["description"].strip() for name, column in node["columns"].items()}
        built = [name for name in catalog["nodes"].get(uid, {}).get("columns", {})]
        for column in sorted(set(built) | set(node["columns"]), key=str.lower):
            if not described.get(column.lower()):
                missing.append(f"{node['resource_type']} {node['name']}.{column}: column not described")
    for source in _own(manifest["sources"]).values():
        name = f"{source['source_name']}.{source['name']}"
        if not source["description"].strip():
            missing.append(f"source {name}: no description")
        if not source["columns"]:
            missing.append(f"source {name}: no columns declared")
        for column, entry in source["columns"].items():
            if not entry["description"].strip():
                missing.append(f"source {name}.{column}: column not described")
    return missing


def test_every_model_seed_source_and_column_is_described(manifest: dict, catalog: dict) -> None:
    missing = undocumented(manifest, catalog)
    assert not missing, f"{len(missing)} undocumented (add descriptions in the folder's YAML):\n" + "\n".join(
        missing
    )


def test_the_check_finds_an_undocumented_column(manifest: dict, catalog: dict) -> None:
    """The check can fail: a built column absent from the YAML is reported."""
    uid = next(iter(_marts(manifest)))
    altered = json.loads(json.dumps(catalog))
    altered["nodes"].setdefault(uid, {"columns": {}})["columns"]["column_nobody_described"] = {
        "type": "INTEGER"
    }
    assert any("column_nobody_described" in line for line in undocumented(manifest, altered))


def test_every_macro_is_described(manifest: dict) -> None:
    missing = [
        f"macro {macro['name']} ({macro['original_file_path']})"
        for macro in _own(manifest["macros"]).values()
        if not macro["description"].strip()
    ]
    assert not missing, "macros without a description (document them in macros/_macros.yml):\n" + "\n".join(
        missing
    )


def test_every_published_mart_has_an_enforced_contract(manifest: dict, catalog: dict) -> None:
    marts = _marts(manifest)
    assert "model.corporate_segmentation.customer_segments" in marts
    problems = []
    for uid, node in marts.items():
        if not node["config"].get("contract", {}).get("enforced"):
            problems.append(f"{node['name']}: contract not enforced")
        for column in catalog["nodes"].get(uid, {}).get("columns", {}):
            declared = {name.lower(): entry for name, entry in node["columns"].items()}.get(column.lower())
            if not declared or not declared.get("data_type"):
                problems.append(f"{node['name']}.{column}: no data_type in the contract")
    assert not problems, "\n".join(problems)


def test_every_published_mart_is_used_by_an_exposure(manifest: dict) -> None:
    exposures = _own(manifest["exposures"])
    assert any(exposure["type"] == "dashboard" for exposure in exposures.values())
    exposed = {uid for exposure in exposures.values() for uid in exposure["depends_on"]["nodes"]}
    unexposed = sorted(node["name"] for uid, node in _marts(manifest).items() if uid not in exposed)
    assert not unexposed, f"marts in no exposure (models/exposures.yml): {unexposed}"
    for exposure in exposures.values():
        assert exposure["description"].strip() and exposure["owner"].get("email"), exposure["name"]


def test_the_overview_page_explains_the_scheme_and_the_layers(manifest: dict) -> None:
    overview = manifest["docs"].get(f"doc.{PACKAGE}.__overview__")
    assert overview, "docs/overview.md must define the __overview__ doc block"
    for expected in ("分类", "分层", "staging", "intermediate", "marts", "explain"):
        assert expected in overview["block_contents"], expected


def upstream_sources(manifest: dict, unique_id: str) -> set[str]:
    seen, stack = set(), [unique_id]
    while stack:
        for parent in manifest["parent_map"].get(stack.pop(), []):
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return {uid for uid in seen if uid.startswith("source.")}


GRAPH = "angular.element(document.body).injector().get('graph')"


def test_the_docs_site_shows_the_lineage_of_customer_segments_down_to_its_sources(manifest: dict) -> None:
    binary = chromium_binary()
    if binary is None:
        pytest.skip("chromium not found: run `make system-deps` (apt-get install chromium) to run this test")
    if not SITE.exists():
        pytest.fail(f"no docs site at {SITE}: run `make docs` first")
    expected_sources = upstream_sources(manifest, MODEL)
    assert len(expected_sources) >= 10, expected_sources

    browser = Chromium(binary)
    try:
        browser.open(f"{SITE.resolve().as_uri()}#!/model/{MODEL}")
        # The model page: its name, its Chinese/English description and its columns are rendered.
        browser.wait_for(
            "document.body.innerText.indexOf('customer_segments') >= 0 && "
            "document.body.innerText.indexOf('Depends On') >= 0 && "
            "!!document.querySelector('[ng-click=\"onLauncherClick()\"]')"
        )
        page_text = browser.evaluate("document.body.innerText")
        assert "客户细分" in page_text and "classification_path" in page_text
        # Open the lineage graph of the model, then its full-screen view (+customer_segments+).
        browser.evaluate("document.querySelector('[ng-click=\"onLauncherClick()\"]').click(); true")
        browser.wait_for(f"{GRAPH}.graph_element && {GRAPH}.graph_element.nodes().length > 0")
        browser.evaluate("document.querySelector('[ng-click=\"showExpanded()\"]').click(); true")
        browser.wait_for(
            f"{GRAPH}.graph_element.nodes().filter(n => n.data('resource_type') == 'source').length >= "
            f"{len(expected_sources)}"
        )
        time.sleep(1.5)  # let the layout settle before the screenshot
        drawn = browser.evaluate(f"{GRAPH}.graph_element.nodes().filter(n => n.visible()).map(n => n.id())")
        selector = browser.evaluate(
            "Array.from(document.querySelectorAll('input')).some(i => i.value == '+customer_segments+')"
        )
        browser.screenshot(ARTIFACTS / "docs_lineage_customer_segments.png")
        # Zoom onto the sources so their names can be read in the kept artifact.
        browser.evaluate(
            f"var cy = {GRAPH}.graph_element;"
            "var sources = cy.nodes().filter(n => n.data('resource_type') == 'source');"
            "var box = sources.boundingBox(); cy.zoom(0.45);"
            "cy.pan({x: 40 - box.x1 * 0.45, y: 450 - ((box.y1 + box.y2) / 2) * 0.45}); true"
        )
        time.sleep(0.5)
        browser.screenshot(ARTIFACTS / "docs_lineage_customer_segments_sources.png")
    finally:
        browser.close()

    assert MODEL in drawn
    missing = sorted(expected_sources - set(drawn))
    assert not missing, f"sources upstream of customer_segments not drawn in its lineage: {missing}"
    assert selector, "the lineage graph is not the +customer_segments+ selection"
    assert (ARTIFACTS / "docs_lineage_customer_segments.png").stat().st_size > 20_000
