"""Command-line tools around the dbt project: preflight, publish, summary, backfill, explain, expectations and
pictures."""
