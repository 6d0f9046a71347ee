from rixin.accounts.access import system_actor
from rixin.urlmatrix import OTHER_COUNTY, READERS, Route

STATISTICIANS = frozenset({"tongji", "city_statistician"})
OTHER_404 = {"other_officer": 404, "other_leader": 404}


def _county(p):
    return {"county": "140725"}, {"county": "140702"}


def _indicator(p):
    from rixin.indicators.actions import create_indicator
    from rixin.indicators.models import Indicator
    from rixin.regions.models import Division

    own = Indicator.objects.filter(code="yuci_tourism").first() or create_indicator(
        acting_user=system_actor(),
        county=Division.objects.get(code="140702"),
        code="yuci_tourism",
        name="旅游收入",
        unit="亿元",
    )
    return {"code": "gdp"}, {"code": own.code}


ROUTES = [
    Route("indicator_home", READERS),
    Route("indicator_matrix", READERS),
    Route("indicator_export", READERS, query="period=2024-06"),
    Route("indicator_entry", STATISTICIANS),
    Route("indicator_template", STATISTICIANS),
    Route("indicator_targets", STATISTICIANS),
    Route("indicator_catalogue", READERS),
    Route("indicator_create", frozenset({"tongji"})),
    Route("indicator_board", READERS - OTHER_COUNTY, objects=_county, denied=OTHER_404),
    Route("indicator_detail", READERS, objects=_indicator),
    Route("api:list_indicators", READERS),
    Route("api:list_observations", READERS),
    Route(
        "api:record_observation",
        STATISTICIANS,
        method="post",
        data={"county": "140725", "indicator": "gdp", "period": "2024-06", "rate": "6.2"},
    ),
    Route("api:list_rankings", READERS),
    Route(
        "api:get_brief",
        READERS - OTHER_COUNTY,
        query="county=140725&period=2024-06",
        denied=OTHER_404,
    ),
]
