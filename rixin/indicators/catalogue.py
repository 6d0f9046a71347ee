"""The standard indicator set every county reports (codes are stable: the API and the
spreadsheets name indicators by them)."""

# code, name, English name, unit, frequency, publishes a value, ranked by the city, parent, order
STANDARD = [
    ("gdp", "地区生产总值", "GDP", "亿元", "quarterly", True, True, None, 10),
    (
        "fixed_asset_investment",
        "固定资产投资",
        "Fixed-asset investment",
        "亿元",
        "monthly",
        True,
        True,
        None,
        20,
    ),
    (
        "retail_sales",
        "社会消费品零售总额",
        "Retail sales of consumer goods",
        "亿元",
        "monthly",
        True,
        False,
        None,
        30,
    ),
    (
        "retail_above_size",
        "限上消费品零售额",
        "Retail sales above designated size",
        "亿元",
        "monthly",
        False,
        True,
        "retail_sales",
        40,
    ),
    (
        "industry_value_added",
        "规上工业增加值",
        "Value added of industry above designated size",
        "亿元",
        "monthly",
        False,
        True,
        None,
        50,
    ),
    (
        "housing_sales_area",
        "商品房销售面积",
        "Floor area of commercial housing sold",
        "万平方米",
        "monthly",
        True,
        True,
        None,
        60,
    ),
    (
        "public_budget_revenue",
        "一般公共预算收入",
        "General public budget revenue",
        "万元",
        "monthly",
        True,
        True,
        None,
        70,
    ),
    (
        "urban_income",
        "城镇居民人均可支配收入",
        "Per-capita disposable income of urban residents",
        "元",
        "quarterly",
        True,
        True,
        None,
        80,
    ),
    (
        "rural_income",
        "农村居民人均可支配收入",
        "Per-capita disposable income of rural residents",
        "元",
        "quarterly",
        True,
        True,
        None,
        90,
    ),
]
# Why 社会消费品零售总额 is not ranked: the city ranks the counties on retail above designated
# size, its enterprise-reported part; the county total is an estimate (and the article gives a
# rank for the part only: "社会消费品零售总额增长7.4%,其中限上消费品零售额增长9.8%,全市第一").


def ensure_standard_catalogue(Indicator) -> int:
    """Create the standard indicators that are missing; works on the historical model too."""
    created = 0
    for code, name, name_en, unit, frequency, value, ranked, parent, order in STANDARD:
        if Indicator.objects.filter(code=code).exists():
            continue
        Indicator.objects.create(
            code=code,
            name=name,
            name_en=name_en,
            unit=unit,
            frequency=frequency,
            is_cumulative=True,
            publishes_value=value,
            decimal_places=2,
            is_ranked=ranked,
            higher_is_better=True,
            parent=Indicator.objects.get(code=parent) if parent else None,
            display_order=order,
        )
        created += 1
    return created
