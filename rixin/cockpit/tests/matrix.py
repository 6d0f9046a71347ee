from rixin.urlmatrix import CITY, OTHER_COUNTY, READERS, Route

OTHER_404 = {"other_officer": 404, "other_leader": 404}
COMPARERS = CITY | {"province_viewer"}


def _county(p):
    return {"county": "140725"}, {"county": "140702"}


ROUTES = [
    Route("cockpit", READERS),
    Route("county_cockpit", READERS - OTHER_COUNTY, objects=_county, denied=OTHER_404),
    Route("comparison_home", COMPARERS),
    Route("city_cockpit", COMPARERS, objects=lambda p: ({"code": "140700"}, None)),
    Route(
        "province_cockpit",
        frozenset({"province_viewer"}),
        objects=lambda p: ({"code": "140000"}, None),
    ),
    Route("api:cockpit_county", READERS - OTHER_COUNTY, objects=_county, denied=OTHER_404),
    Route("api:cockpit_city", COMPARERS, objects=lambda p: ({"city": "140700"}, None)),
]
