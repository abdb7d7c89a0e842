{#- Fails for every non-null value of the column that is not a code of code_set in the seed reference_codes: a
    code the model only lets through when the seed lists it (policy is data, no literal list in the test). -#}
{% test in_reference_code_set(model, column_name, code_set) %}

with

reference_codes as (

    select code
    from {{ ref('reference_codes') }}
    where code_set = '{{ code_set }}'

),

final as (

    select tested.{{ column_name }}
    from {{ model }} as tested
    left join reference_codes
        on tested.{{ column_name }} = reference_codes.code
    where tested.{{ column_name }} is not null and reference_codes.code is null

)

select * from final

{% endtest %}
