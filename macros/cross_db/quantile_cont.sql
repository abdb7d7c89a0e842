{#- The continuous (interpolated) quantile of `expression` at a constant `fraction` as an AGGREGATE (SPEC 4.1:
    "median = continuous 50th percentile; quantile p likewise"), i.e. SQL percentile_cont(fraction) within group
    (order by expression). Nulls are ignored; no non-null value gives null. The result is decimal(38, 10):
    DuckDB's quantile_cont on a decimal(18, 2) input would return decimal(18, 2) and lose the interpolation
    (median of 10.00 and 10.01 = 10.00), so the input is widened first (DECISIONLOG S-004).
    `fraction` must be a literal (both engines require a constant); a seed-driven fraction is interpolated by
    int_parties_thresholded with window functions instead. Adapter-dispatched: default__ = DuckDB, spark__ = Spark
    (percentile() is Spark's exact, linearly interpolated percentile). -#}
{% macro quantile_cont(expression, fraction) -%}
    {{ return(adapter.dispatch('quantile_cont', 'corporate_segmentation')(expression, fraction)) }}
{%- endmacro %}

{% macro default__quantile_cont(expression, fraction) -%}
    cast(quantile_cont(cast({{ expression }} as decimal(38, 10)), {{ fraction }}) as decimal(38, 10))
{%- endmacro %}

{% macro spark__quantile_cont(expression, fraction) -%}
    cast(percentile(cast({{ expression }} as decimal(38, 10)), {{ fraction }}) as decimal(38, 10))
{%- endmacro %}
