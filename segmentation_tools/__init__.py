"""Command-line helpers around the dbt project: run summaries and (later) publishing and explanations."""
