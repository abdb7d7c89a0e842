{#- 客户群细分矩阵 The thresholds of both matrix axes and each party's level on them (SPEC 4.6 and 8; DECISIONLOG
    S-001, S-004, S-012, S-013), one row per segmented party. Statistics are computed over ALL members of the
    party's (as_of_date, population, sub_class, tier) group, negative profits included: MEDIAN = continuous median
    (quantile_cont 0.5); QUANTILE = continuous quantile at the seed's p, interpolated between the values at
    positions floor(h) and ceil(h) of the sorted group, h = (n - 1) * p (the same definition as percentile_cont,
    written with window functions because p comes from a seed); ABSOLUTE = the seed's value. The threshold is
    rounded half-up to 2 decimals like the values. A value >= its threshold is HIGH, else LOW; a negative customer
    value (profit contribution) is always LOW. A group of one is therefore high/high under MEDIAN and QUANTILE unless
    its profit is negative. -#}

with

parties as (

    select
        as_of_date,
        party_id,
        party_kind,
        loan_status,
        market_class,
        sub_class,
        tier,
        branch_code,
        region_code,
        customer_value,
        bank_value
    from {{ ref('int_parties_value_scored') }}

),

threshold_rules as (

    select
        party_id,
        value_axis,
        threshold_method,
        quantile_p,
        absolute_value,
        parameter_version,
        threshold_source
    from {{ ref('int_parties_matrix_thresholds_resolved') }}

),

axis_values as (

    select
        as_of_date,
        party_id,
        party_kind,
        sub_class,
        tier,
        'CUSTOMER_VALUE' as value_axis,
        customer_value as axis_value
    from parties
    union all
    select
        as_of_date,
        party_id,
        party_kind,
        sub_class,
        tier,
        'BANK_VALUE' as value_axis,
        bank_value as axis_value
    from parties

),

group_medians as (

    select
        as_of_date,
        party_kind,
        sub_class,
        tier,
        value_axis,
        {{ quantile_cont('axis_value', 0.5) }} as median_value,
        count(*) as group_party_count
    from axis_values
    group by as_of_date, party_kind, sub_class, tier, value_axis

),

axis_values_positioned as (

    select
        as_of_date,
        party_kind,
        sub_class,
        tier,
        value_axis,
        axis_value,
        row_number() over (
            partition by as_of_date, party_kind, sub_class, tier, value_axis order by axis_value
        ) as value_position,
        count(*) over (partition by as_of_date, party_kind, sub_class, tier, value_axis) as values_in_group
    from axis_values
    where axis_value is not null

),

group_sizes as (

    select distinct
        as_of_date,
        party_kind,
        sub_class,
        tier,
        value_axis,
        values_in_group
    from axis_values_positioned

),

quantiles_needed as (

    select distinct
        axis_values.as_of_date,
        axis_values.party_kind,
        axis_values.sub_class,
        axis_values.tier,
        axis_values.value_axis,
        threshold_rules.quantile_p
    from axis_values
    inner join threshold_rules
        on axis_values.party_id = threshold_rules.party_id
            and axis_values.value_axis = threshold_rules.value_axis
    where threshold_rules.threshold_method = 'QUANTILE'

),

quantile_positions as (

    select
        quantiles_needed.*,
        floor((group_sizes.values_in_group - 1) * quantiles_needed.quantile_p) + 1 as lower_position,
        ceil((group_sizes.values_in_group - 1) * quantiles_needed.quantile_p) + 1 as upper_position,
        (group_sizes.values_in_group - 1) * quantiles_needed.quantile_p
        - floor((group_sizes.values_in_group - 1) * quantiles_needed.quantile_p) as interpolation_fraction
    from quantiles_needed
    inner join group_sizes
        on quantiles_needed.as_of_date = group_sizes.as_of_date
            and quantiles_needed.party_kind = group_sizes.party_kind
            and quantiles_needed.sub_class = group_sizes.sub_class
            and quantiles_needed.tier = group_sizes.tier
            and quantiles_needed.value_axis = group_sizes.value_axis

),

group_quantiles as (

    -- One join per (group, quantile) and conditional aggregation: joining the lower and the upper value as two
    -- tables lets the optimizer pair every member of a group with every other member first (n^2 per group).
    select
        quantile_positions.as_of_date,
        quantile_positions.party_kind,
        quantile_positions.sub_class,
        quantile_positions.tier,
        quantile_positions.value_axis,
        quantile_positions.quantile_p,
        cast(
            max(case when quantile_positions.lower_position = ranked.value_position then ranked.axis_value end)
            + max(quantile_positions.interpolation_fraction) * (
                max(case when quantile_positions.upper_position = ranked.value_position then ranked.axis_value end)
                - max(case when quantile_positions.lower_position = ranked.value_position then ranked.axis_value end)
            )
            as decimal(38, 10)
        ) as quantile_value
    from quantile_positions
    inner join axis_values_positioned as ranked
        on quantile_positions.as_of_date = ranked.as_of_date
            and quantile_positions.party_kind = ranked.party_kind
            and quantile_positions.sub_class = ranked.sub_class
            and quantile_positions.tier = ranked.tier
            and quantile_positions.value_axis = ranked.value_axis
            and (
                quantile_positions.lower_position = ranked.value_position
                or quantile_positions.upper_position = ranked.value_position
            )
    group by
        quantile_positions.as_of_date,
        quantile_positions.party_kind,
        quantile_positions.sub_class,
        quantile_positions.tier,
        quantile_positions.value_axis,
        quantile_positions.quantile_p

),

axis_thresholds as (

    select
        axis_values.party_id,
        axis_values.value_axis,
        axis_values.axis_value,
        group_medians.group_party_count,
        threshold_rules.threshold_method,
        threshold_rules.quantile_p,
        threshold_rules.parameter_version,
        threshold_rules.threshold_source,
        cast(
            round(
                case threshold_rules.threshold_method
                    when 'MEDIAN' then group_medians.median_value
                    when 'QUANTILE' then group_quantiles.quantile_value
                    when 'ABSOLUTE' then threshold_rules.absolute_value
                end,
                2
            ) as decimal(18, 2)
        ) as threshold_value
    from axis_values
    inner join group_medians
        on axis_values.as_of_date = group_medians.as_of_date
            and axis_values.party_kind = group_medians.party_kind
            and axis_values.sub_class = group_medians.sub_class
            and axis_values.tier = group_medians.tier
            and axis_values.value_axis = group_medians.value_axis
    left join threshold_rules
        on axis_values.party_id = threshold_rules.party_id
            and axis_values.value_axis = threshold_rules.value_axis
    left join group_quantiles
        on axis_values.as_of_date = group_quantiles.as_of_date
            and axis_values.party_kind = group_quantiles.party_kind
            and axis_values.sub_class = group_quantiles.sub_class
            and axis_values.tier = group_quantiles.tier
            and axis_values.value_axis = group_quantiles.value_axis
            and threshold_rules.quantile_p = group_quantiles.quantile_p

),

axis_levels as (

    select
        *,
        case
            when value_axis = 'CUSTOMER_VALUE' and axis_value < 0 then 'LOW'
            when axis_value >= threshold_value then 'HIGH'
            else 'LOW'
        end as value_level,
        case
            when value_axis = 'CUSTOMER_VALUE' and axis_value < 0 then 'NEGATIVE_PROFIT_ALWAYS_LOW'
            when axis_value is null then 'MISSING_' || value_axis || '_LOW'
            when threshold_value is null then 'MISSING_' || value_axis || '_THRESHOLD_LOW'
            when axis_value >= threshold_value then value_axis || '_HIGH_VS_' || threshold_method
            else value_axis || '_LOW_VS_' || threshold_method
        end as level_reason
    from axis_thresholds

),

final as (

    select
        parties.as_of_date,
        parties.party_id,
        parties.party_kind,
        parties.loan_status,
        parties.market_class,
        parties.sub_class,
        parties.tier,
        parties.branch_code,
        parties.region_code,
        parties.customer_value,
        parties.bank_value,
        customer_axis.group_party_count,
        customer_axis.threshold_value as customer_value_threshold,
        customer_axis.threshold_method as customer_value_threshold_method,
        customer_axis.quantile_p as customer_value_quantile_p,
        customer_axis.threshold_source as customer_value_threshold_source,
        customer_axis.parameter_version as customer_value_threshold_version,
        bank_axis.threshold_value as bank_value_threshold,
        bank_axis.threshold_method as bank_value_threshold_method,
        bank_axis.quantile_p as bank_value_quantile_p,
        bank_axis.threshold_source as bank_value_threshold_source,
        bank_axis.parameter_version as bank_value_threshold_version,
        customer_axis.value_level as customer_value_level,
        bank_axis.value_level as bank_value_level,
        customer_axis.level_reason || ';' || bank_axis.level_reason as level_reasons
    from parties
    inner join axis_levels as customer_axis
        on parties.party_id = customer_axis.party_id
            and customer_axis.value_axis = 'CUSTOMER_VALUE'
    inner join axis_levels as bank_axis
        on parties.party_id = bank_axis.party_id
            and bank_axis.value_axis = 'BANK_VALUE'

)

select * from final
