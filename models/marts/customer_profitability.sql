{#- 利润贡献度 The published profit contribution of every existing customer (SPEC 5): the contract-enforced copy of
    int_customers_profit_contributed, where the equation and its components are computed. -#}

with

profit_contributed as (

    select * from {{ ref('int_customers_profit_contributed') }}

),

final as (

    select * from profit_contributed

)

select * from final
