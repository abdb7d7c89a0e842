{#- An amount in CNY: CNY amounts as they are, others times the rate in force on the row's date
    (`fx_alias` is a left join to base_bank__fx_rates_daily on currency and date). Null = MISSING_FX. -#}
{% macro to_cny(amount, currency, fx_alias='fx') -%}
    case
        when {{ currency }} = 'CNY' then cast({{ amount }} as decimal(38, 10))
        else cast(cast({{ amount }} as decimal(20, 2)) * {{ fx_alias }}.cny_per_unit as decimal(38, 10))
    end
{%- endmacro %}

{#- True when a non-CNY row has no rate in force on its date. -#}
{% macro is_fx_missing(currency, fx_alias='fx') -%}
    ({{ currency }} <> 'CNY' and {{ fx_alias }}.cny_per_unit is null)
{%- endmacro %}
