# Two commands do everything on a fresh machine with Python 3.11 (see README):
#   make demo   - venv + pinned deps, generate demo data, dbt build, print a summary
#   make check  - make test (venv + pinned deps, lint, dbt build with every test on a small dataset, pytest) and
#                 make test-spark (the same build on local Apache Spark, compared with DuckDB's); CI runs it
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
DBT_FLAGS := --profiles-dir profiles
# Where dbt writes its artifacts (run results, manifest, catalog, docs site).
DBT_TARGET = $(or $(DBT_TARGET_PATH),target)

DEMO_DIR ?= data/demo
DEMO_CUSTOMERS ?= 3000
DEMO_DB ?= warehouse/segmentation.duckdb

TEST_DIR ?= data/test
TEST_CUSTOMERS ?= 600
TEST_MONTHS ?= 15
TEST_DB ?= warehouse/test.duckdb
TEST_ARTIFACTS ?= warehouse/test-artifacts

.PHONY: help venv demo test test-build check lint pytest dbt-test expectations data-demo data-test clean

help:
	@echo "make demo       - generate demo data ($(DEMO_CUSTOMERS) customers) and build the warehouse"
	@echo "make check      - the whole test suite (CI): make test and make test-spark"
	@echo "make test       - lint, full dbt build with all tests on a small dataset, expectations, governance, pytest"
	@echo "make test-spark - the whole build with every test on local Apache Spark, marts compared with DuckDB's"
	@echo "make dashboards - serve the dashboards over serving/serving.duckdb on http://localhost:$(DASHBOARDS_PORT)/"

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.lock.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip install --quiet -r requirements.lock.txt
	@touch $@

$(DEMO_DIR)/.complete: $(VENV)/.installed $(wildcard demo_data/*.py)
	$(BIN)/python -m demo_data --out $(DEMO_DIR) --customers $(DEMO_CUSTOMERS) --seed 42
	@touch $@

$(TEST_DIR)/.complete: $(VENV)/.installed $(wildcard demo_data/*.py)
	$(BIN)/python -m demo_data --out $(TEST_DIR) --customers $(TEST_CUSTOMERS) --months $(TEST_MONTHS) --seed 7 --quiet
	@touch $@

data-demo: $(DEMO_DIR)/.complete
data-test: $(TEST_DIR)/.complete

SERVING_DIR ?= serving

demo: data-demo
	@mkdir -p $(dir $(DEMO_DB))
	$(BIN)/python -m segmentation_tools.preflight --raw-data-dir $(DEMO_DIR)
	DUCKDB_PATH=$(DEMO_DB) $(DBT) build $(DBT_FLAGS) --vars '{raw_data_dir: $(DEMO_DIR)}'
	DUCKDB_PATH=$(DEMO_DB) SERVING_DIR=$(SERVING_DIR) $(BIN)/python -m segmentation_tools.publish
	@DUCKDB_PATH=$(DEMO_DB) $(BIN)/python -m segmentation_tools.summary

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint --processes 0 models tests analyses

# The test build's run results and manifest are kept beside its database (docs-test rewrites target/): the pytests
# that publish it, or build again on a copy of it, read them.
dbt-test: data-test
	@mkdir -p $(dir $(TEST_DB)) $(TEST_ARTIFACTS)
	$(BIN)/python -m segmentation_tools.preflight --raw-data-dir $(TEST_DIR)
	DUCKDB_PATH=$(TEST_DB) $(DBT) build $(DBT_FLAGS) --vars '{raw_data_dir: $(TEST_DIR)}'
	cp $(DBT_TARGET)/run_results.json $(DBT_TARGET)/manifest.json $(TEST_ARTIFACTS)/

# pytest runs on every core (pytest-xdist), a test module per worker at a time, the modules that run dbt builds
# first (pytests/conftest.py).
PYTEST_WORKERS ?= auto

pytest: venv
	DUCKDB_PATH=$(TEST_DB) RAW_DATA_DIR=$(TEST_DIR) TEST_ARTIFACTS=$(TEST_ARTIFACTS) \
		$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder

expectations: venv
	$(BIN)/python -m segmentation_tools.expectations --database $(TEST_DB) --raw-data-dir $(TEST_DIR)

# Lint (sqlfluff, on every core) runs beside the test build and the checks that read it (dbt and the tools, mostly
# one core, one after the other); then pytest.
test: venv
	@$(MAKE) --no-print-directory -j2 --output-sync=target lint test-build
	@$(MAKE) --no-print-directory pytest

test-build: venv
	@$(MAKE) --no-print-directory -j1 dbt-test expectations system-deps docs-test governance bi-clients

check: test test-spark

clean:
	rm -rf target logs warehouse data serving

# Segment history (README "Running it for a bank"): one `dbt build` per month-end from FROM to TO into the
# history tables, with a progress bar; stops at the first failing month-end. Raw data and database as for `make demo`
# (RAW_DATA_DIR / DUCKDB_PATH override them), e.g.
#   make backfill FROM=2025-10-31 TO=2026-09-30
#   make backfill FROM=2025-10-31 TO=2026-09-30 RAW_DATA_DIR=data/dev DUCKDB_PATH=warehouse/dev.duckdb
RAW_DATA_DIR ?= $(DEMO_DIR)
DUCKDB_PATH ?= $(DEMO_DB)

.PHONY: backfill
backfill: venv $(if $(filter $(DEMO_DIR),$(RAW_DATA_DIR)),data-demo)
	@test -n "$(FROM)" && test -n "$(TO)" || { echo "usage: make backfill FROM=2025-10-31 TO=2026-09-30" >&2; exit 2; }
	@mkdir -p $(dir $(DUCKDB_PATH))
	DUCKDB_PATH=$(DUCKDB_PATH) RAW_DATA_DIR=$(RAW_DATA_DIR) $(BIN)/python -m segmentation_tools.backfill --from $(FROM) --to $(TO)

# Auditors and pictures (README "Auditing" and "Serving and BI"):
#   make docs                                      static dbt docs site of the build database -> reports/docs/index.html
#   make explain PARTY=C0000123 AS_OF=2026-09-30   one party's segment in plain words (build database, read-only)
#   make pictures                                  matrices, profit concentration, migration from the PUBLISHED marts
#   make system-deps                               Debian packages for the docs-site test and the pictures' Chinese
#                                                  labels (chromium, fonts-noto-cjk); installs only what is missing
DOCS_DB ?= $(DUCKDB_PATH)
DOCS_RAW_DATA_DIR ?= $(RAW_DATA_DIR)
PICTURES_DIR ?= reports/pictures

.PHONY: docs docs-test explain pictures system-deps governance

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "system-deps: apt-get install$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "system-deps: missing$$missing and no root apt-get: the docs-site test will be skipped and the" \
			"pictures use English-only labels" >&2; \
	fi

docs: venv
	@test -f $(DOCS_DB) || { echo "docs: no build database at $(DOCS_DB): run make demo first (or pass DOCS_DB=...)" >&2; exit 2; }
	DUCKDB_PATH=$(DOCS_DB) $(DBT) docs generate --static $(DBT_FLAGS) --vars '{raw_data_dir: $(DOCS_RAW_DATA_DIR)}'
	@mkdir -p reports/docs
	cp $(DBT_TARGET)/static_index.html reports/docs/index.html
	@echo "docs: reports/docs/index.html (one self-contained file: open it in a browser)"

# The docs site of the test warehouse, for pytests/test_docs_site.py in `make test`.
docs-test: venv
	@$(MAKE) --no-print-directory docs DOCS_DB=$(TEST_DB) DOCS_RAW_DATA_DIR=$(TEST_DIR)

# Governance metadata of the test build (after docs-test, which writes the manifest and the catalog): dbt-score on
# the manifest and dbt-coverage's column test coverage (DECISIONLOG L-004). The evaluator rules are a pytest.
DBT_SCORE_MIN ?= 9.5
TEST_COVERAGE_MIN ?= 0.80

governance: venv
	$(BIN)/dbt-score lint --manifest $(DBT_TARGET)/manifest.json --show failing-items --fail-project-under $(DBT_SCORE_MIN)
	$(BIN)/dbt-coverage compute test --run-artifacts-dir $(DBT_TARGET) --cov-report $(DBT_TARGET)/test_coverage.json \
		--cov-fail-under $(TEST_COVERAGE_MIN) | grep "^Total"

explain: venv
	@test -n "$(PARTY)" || { echo "usage: make explain PARTY=C0000123 [AS_OF=2026-09-30] [DUCKDB_PATH=$(DEMO_DB)]" >&2; exit 2; }
	@$(BIN)/python -m segmentation_tools.explain --party $(PARTY) $(if $(AS_OF),--as-of $(AS_OF)) --database $(DUCKDB_PATH)

pictures: venv system-deps
	$(BIN)/python -m segmentation_tools.pictures --database $(SERVING_DIR)/serving.duckdb --out $(PICTURES_DIR)

# Dashboards and BI clients (README "Serving and BI"):
#   make dashboards [DASHBOARDS_PORT=8501]   Streamlit pages over the PUBLISHED serving database, offline
#   make bi-clients                          the DuckDB 1.x clients pytests/test_bi_clients.py reads it with:
#                                            .venv-dashboards (Python duckdb 1.4, also the dashboards' own venv,
#                                            from dashboards/requirements.lock.txt) and clients/node (Node
#                                            @duckdb/node-api 1.x from clients/node/package-lock.json); installs
#                                            only what is missing
DASHBOARDS_VENV := .venv-dashboards
DASHBOARDS_PORT ?= 8501

.PHONY: dashboards dashboards-venv bi-clients

dashboards-venv: $(DASHBOARDS_VENV)/.installed

$(DASHBOARDS_VENV)/.installed: dashboards/requirements.lock.txt
	@test -x $(DASHBOARDS_VENV)/bin/python || $(PYTHON) -m venv $(DASHBOARDS_VENV)
	@$(DASHBOARDS_VENV)/bin/python -m pip install --quiet --upgrade pip
	@$(DASHBOARDS_VENV)/bin/python -m pip install --quiet -r dashboards/requirements.lock.txt
	@touch $@

clients/node/node_modules/.installed: clients/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix clients/node --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "bi-clients: no npm: the Node client test will be skipped (apt-get install nodejs npm)" >&2; \
	fi

bi-clients: dashboards-venv clients/node/node_modules/.installed

dashboards: dashboards-venv
	@$(DASHBOARDS_VENV)/bin/python dashboards/serve.py --database $(SERVING_DIR)/serving.duckdb --port $(DASHBOARDS_PORT)

# Apache Spark (issue 20; README "Running on Apache Spark"):
#   make test-spark   the whole project with every test on local Spark (dbt-spark, method: session; own venv
#                     .venv-spark from spark/requirements.lock.txt; Java 17 from Debian's openjdk-17-jre-headless
#                     when no Java 17+ is found and root apt-get is available) on SPARK_TEST_DIR, a DuckDB build of
#                     the same data beside it, then pytests/spark: the published marts compared row by row, and a
#                     second run of the same as-of date that must leave the history tables identical.
#                     Work files in SPARK_TEST_WORK (emptied first).
SPARK_VENV := .venv-spark
SPARK_TEST_DIR ?= $(TEST_DIR)
SPARK_TEST_WORK ?= warehouse/spark-test
SPARK_DRIVER_MEMORY ?= 4g

.PHONY: test-spark spark-venv java-17

spark-venv: $(SPARK_VENV)/.installed

$(SPARK_VENV)/.installed: spark/requirements.lock.txt
	@test -x $(SPARK_VENV)/bin/python || $(PYTHON) -m venv $(SPARK_VENV)
	@$(SPARK_VENV)/bin/python -m pip install --quiet --upgrade pip
	@$(SPARK_VENV)/bin/python -m pip install --quiet -r spark/requirements.lock.txt
	@touch $@

java-17:
	@if java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])'; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "java-17: apt-get install openjdk-17-jre-headless"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; \
	else \
		echo "java-17: Spark needs a Java 17+ runtime (apt-get install openjdk-17-jre-headless) and there is no root apt-get" >&2; \
		exit 2; \
	fi

test-spark: venv spark-venv java-17 data-test
	@rm -rf $(SPARK_TEST_WORK) && mkdir -p $(SPARK_TEST_WORK)
	@start=$$(date +%s); \
	DUCKDB_PATH=$(SPARK_TEST_WORK)/reference.duckdb $(DBT) build $(DBT_FLAGS) --quiet \
		--resource-type seed --resource-type model --target-path $(SPARK_TEST_WORK)/reference-target \
		--vars '{raw_data_dir: $(SPARK_TEST_DIR)}'; \
	middle=$$(date +%s); \
	SPARK_WAREHOUSE_DIR=$(abspath $(SPARK_TEST_WORK))/spark SPARK_DRIVER_MEMORY=$(SPARK_DRIVER_MEMORY) \
		$(SPARK_VENV)/bin/dbt build $(DBT_FLAGS) --target spark --target-path $(SPARK_TEST_WORK)/spark-target \
		--log-path $(SPARK_TEST_WORK)/spark-target --vars '{raw_data_dir: $(abspath $(SPARK_TEST_DIR))}' \
		> $(SPARK_TEST_WORK)/spark-build.log 2>&1 \
		|| { grep -E "ERROR|FAIL|Error" $(SPARK_TEST_WORK)/spark-build.log | tail -40 >&2; \
			echo "test-spark: the Spark build failed (log: $(SPARK_TEST_WORK)/spark-build.log)" >&2; exit 1; }; \
	end=$$(date +%s); \
	grep -E "Finished running|Done\. PASS" $(SPARK_TEST_WORK)/spark-build.log | sed 's/^[^ ]* *//'; \
	echo "test-spark: DuckDB build (seeds and models, no tests) $$((middle - start)) s, Spark build with every test $$((end - middle)) s"
	SPARK_TEST_WORK=$(SPARK_TEST_WORK) SPARK_RAW_DATA_DIR=$(abspath $(SPARK_TEST_DIR)) $(BIN)/python -m pytest pytests/spark
