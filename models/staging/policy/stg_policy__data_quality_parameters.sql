{#- 数据质量参数 The data-quality limits of the staging checks (SPEC 8 "Bad input"), one row, from the head-office rows
    of the seed `policy_parameters` that are open-ended (data-quality limits are not regional and apply to every
    as-of date). The enforced contract's not-null constraints stop the build, naming the parameter, when one is
    missing from the seed. -#}

with

policy_parameters as (

    select
        parameter_code,
        value_number,
        value_text,
        parameter_version
    from {{ ref('policy_parameters') }}
    where scope_type = 'HEAD_OFFICE' and valid_to is null

),

final as (

    select
        max(case when parameter_code = 'absurd_amount_cny' then value_number end) as absurd_amount_cny,
        max(case when parameter_code = 'absurd_txn_count' then value_number end) as absurd_txn_count,
        max(case when parameter_code = 'earliest_valid_date' then {{ dbt.safe_cast('value_text', 'date') }} end)
            as earliest_valid_date,
        max(case when parameter_code = 'latest_valid_date' then {{ dbt.safe_cast('value_text', 'date') }} end)
            as latest_valid_date,
        max(case when parameter_code = 'absurd_amount_cny' then parameter_version end) as parameter_version
    from policy_parameters

)

select * from final
