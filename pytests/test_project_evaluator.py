"""The dbt-project-evaluator rules (dbt-labs/dbt-project-evaluator, docs/rules), checked on the manifest of
the test build: the package cannot be installed offline, so each rule is re-implemented here from its
documented definition. A finding listed in pytests/expected/project_evaluator_exceptions.yml with a reason
is allowed; every other finding fails, and so does an exception that no longer matches a finding."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT = "corporate_segmentation"
EXCEPTIONS = Path(__file__).resolve().parent / "expected" / "project_evaluator_exceptions.yml"
PREFIXES = {"staging": ("stg_", "base_"), "intermediate": ("int_",)}
MODEL_FANOUT = 3
CHAINED_VIEWS = 4
TOO_MANY_JOINS = 7
UNIQUENESS_TESTS = ("unique", "unique_combination_of_columns", "unique_date_per_key")


@pytest.fixture(scope="module")
def manifest() -> dict:
    path = ROOT / os.environ.get("DBT_TARGET_PATH", "target") / "manifest.json"
    if not path.exists():
        pytest.fail(f"no {path}: run `make dbt-test` first")
    return json.loads(path.read_text(encoding="utf-8"))


def _models(manifest: dict) -> dict[str, dict]:
    return {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["package_name"] == PROJECT
    }


def _layer(node: dict) -> str:
    return node["original_file_path"].split("/")[1]


def _parents(node: dict) -> list[str]:
    return [uid for uid in node["depends_on"]["nodes"] if uid.split(".")[0] in ("model", "source", "seed")]


def _findings(manifest: dict) -> set[tuple[str, str]]:
    models = _models(manifest)
    children: dict[str, set[str]] = defaultdict(set)
    for uid, node in models.items():
        for parent in _parents(node):
            children[parent].add(uid)
    tests_by_model: dict[str, list[dict]] = defaultdict(list)
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and node["depends_on"]["nodes"]:
            tests_by_model[node["depends_on"]["nodes"][0]].append(node)
    found: set[tuple[str, str]] = set()
    name = {uid: uid.split(".")[-1] for uid in list(models) + list(manifest["sources"])}

    for uid, node in models.items():
        parents = _parents(node)
        sources = [parent for parent in parents if parent.startswith("source.")]
        layer = _layer(node)
        if sources and any(parent.startswith("model.") for parent in parents):
            found.add(("fct_direct_join_to_source", node["name"]))
        if sources and layer != "staging":
            found.add(("fct_marts_or_intermediate_dependent_on_source", node["name"]))
        if len(sources) > 1:
            found.add(("fct_multiple_sources_joined", node["name"]))
        if layer == "staging" and any(
            _layer(models[parent]) != "staging" for parent in parents if parent in models
        ):
            found.add(("fct_staging_dependent_on_marts_or_intermediate", node["name"]))
        if node["name"].startswith("stg_") and any(
            name.get(parent, "").startswith("stg_") for parent in parents
        ):
            found.add(("fct_staging_dependent_on_staging", node["name"]))
        if not parents:
            found.add(("fct_root_models", node["name"]))
        if layer in PREFIXES and not node["name"].startswith(PREFIXES[layer]):
            found.add(("fct_model_naming_conventions", node["name"]))
        leaf_children = [child for child in children[uid] if not children[child]]
        if len(leaf_children) > MODEL_FANOUT:
            found.add(("fct_model_fanout", node["name"]))
        if len(parents) >= TOO_MANY_JOINS:
            found.add(("fct_too_many_joins", node["name"]))
        if not (node.get("description") or "").strip():
            found.add(("fct_undocumented_models", node["name"]))
        if node["config"].get("access") == "public" and not node["config"]["contract"]["enforced"]:
            found.add(("fct_public_models_without_contract", node["name"]))
        has_primary_key = any(
            constraint["type"] == "primary_key" for constraint in node.get("constraints", [])
        ) or any(
            (test.get("test_metadata") or {}).get("name") in UNIQUENESS_TESTS for test in tests_by_model[uid]
        )
        if not has_primary_key:
            found.add(("fct_missing_primary_key_tests", node["name"]))
        for parent in parents:
            siblings = [other for other in parents if other != parent and other in models]
            for middle in siblings:
                if parent in _parents(models[middle]) and children[middle] == {uid}:
                    found.add(("fct_rejoining_of_upstream_concepts", node["name"]))

    for uid, source in manifest["sources"].items():
        if source["package_name"] != PROJECT:
            continue
        if not children[uid]:
            found.add(("fct_unused_sources", source["name"]))
        if len(children[uid]) > 1:
            found.add(("fct_source_fanout", source["name"]))
        if not (source.get("description") or "").strip():
            found.add(("fct_undocumented_source_tables", source["name"]))

    def view_depth(uid: str) -> int:
        node = models.get(uid)
        if node is None or node["config"]["materialized"] not in ("view", "ephemeral"):
            return 0
        return 1 + max((view_depth(parent) for parent in _parents(node)), default=0)

    for uid, node in models.items():
        if view_depth(uid) > CHAINED_VIEWS:
            found.add(("fct_chained_views_dependencies", node["name"]))

    for exposure in manifest["exposures"].values():
        for parent in exposure["depends_on"]["nodes"]:
            node = models.get(parent)
            if node is None:
                continue
            if node["config"]["materialized"] not in ("table", "incremental"):
                found.add(("fct_exposure_parents_materializations", exposure["name"]))
            if node["config"].get("access") == "private":
                found.add(("fct_exposures_dependent_on_private_models", exposure["name"]))
    return found


def test_the_project_holds_the_evaluator_rules(manifest: dict) -> None:
    listed = yaml.safe_load(EXCEPTIONS.read_text(encoding="utf-8"))["exceptions"] or []
    for exception in listed:
        assert str(exception.get("reason", "")).strip(), f"exception without a reason: {exception}"
    allowed = {(exception["rule"], exception["node"]) for exception in listed}
    found = _findings(manifest)
    unexplained = sorted(found - allowed)
    assert not unexplained, f"evaluator findings without a documented exception: {unexplained}"
    stale = sorted(allowed - found)
    assert not stale, f"exceptions that no longer match a finding (remove them): {stale}"


def test_a_rule_finds_what_it_describes(manifest: dict) -> None:
    """The checks can fail: a mart reading a source and a model without a description are found."""
    broken = json.loads(json.dumps(manifest))
    mart = next(
        uid for uid, node in _models(broken).items() if node["original_file_path"].startswith("models/marts/")
    )
    source = next(iter(broken["sources"]))
    broken["nodes"][mart]["depends_on"]["nodes"].append(source)
    broken["nodes"][mart]["description"] = ""
    name = broken["nodes"][mart]["name"]
    found = _findings(broken)
    assert ("fct_marts_or_intermediate_dependent_on_source", name) in found
    assert ("fct_direct_join_to_source", name) in found
    assert ("fct_undocumented_models", name) in found
