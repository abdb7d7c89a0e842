"""Lint-only stand-in for dbt's `target`: models are linted in their DuckDB shape."""

type = "duckdb"
name = "duckdb"
