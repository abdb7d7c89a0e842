# Two commands do everything on a fresh machine with Python 3.11 (see README):
#   make demo   - venv + pinned deps, generate demo data, dbt build, print a summary
#   make test   - venv + pinned deps, lint (sqlfluff, ruff), dbt build with every test on a small dataset, pytest
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DBT := $(BIN)/dbt
DBT_FLAGS := --profiles-dir profiles

DEMO_DIR ?= data/demo
DEMO_CUSTOMERS ?= 3000
DEMO_DB ?= warehouse/segmentation.duckdb

TEST_DIR ?= data/test
TEST_CUSTOMERS ?= 600
TEST_MONTHS ?= 15
TEST_DB ?= warehouse/test.duckdb

.PHONY: help venv demo test lint pytest dbt-test expectations data-demo data-test clean

help:
	@echo "make demo   - generate demo data ($(DEMO_CUSTOMERS) customers) and build the warehouse"
	@echo "make test   - lint, full dbt build with all tests on a small dataset, pytest"

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

dbt-test: data-test
	@mkdir -p $(dir $(TEST_DB))
	$(BIN)/python -m segmentation_tools.preflight --raw-data-dir $(TEST_DIR)
	DUCKDB_PATH=$(TEST_DB) $(DBT) build $(DBT_FLAGS) --vars '{raw_data_dir: $(TEST_DIR)}'

pytest: venv
	DUCKDB_PATH=$(TEST_DB) RAW_DATA_DIR=$(TEST_DIR) $(BIN)/python -m pytest

expectations: venv
	$(BIN)/python -m segmentation_tools.expectations --database $(TEST_DB) --raw-data-dir $(TEST_DIR)

test: lint dbt-test expectations pytest

clean:
	rm -rf target logs warehouse data serving

# Segment history (issue 6, README "History and backfill"): one `dbt build` per month-end from FROM to TO into the
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
