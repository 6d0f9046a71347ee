from rixin.urlmatrix import CITY, OTHER_COUNTY, READERS, SHOUYANG_STAFF, Route

# Shouyang's reports: its own staff and the city and province accounts above it. Another
# county's staff get 404 (the county is not theirs); enterprise users and administrators 403.
SHOUYANG_READERS = SHOUYANG_STAFF | CITY | {"province_viewer"}
OTHER_404 = {name: 404 for name in OTHER_COUNTY}


def _county(p):
    return {"county_code": "140725"}, {"county_code": "140702"}


def _file(p):
    own = {"county_code": "140725", "period": "2024-07", "kind": "month", "fmt": "docx"}
    return own, {**own, "county_code": "140702"}


# An official file (?mode=official) is issued by Shouyang's county administrator; the other
# readers of the county's reports get 403 (the issue is refused, no 发文字号 taken).
ISSUERS = frozenset({"county_admin"})


def _issue(p):
    own = {"county_code": "140725", "period": "2024-07", "kind": "month"}
    return own, {**own, "county_code": "140702"}


def _api_file(p):
    own = {"county_code": "140725", "period": "2024-07", "file": "month.docx"}
    return own, {**own, "county_code": "140702"}


# A city's reports at once, in the background: the city and province accounts; a county's
# staff have their county's page (403).
CITY_REPORTERS = CITY | {"province_viewer"}


def _city(p):
    return {"city_code": "140700"}, None


ROUTES = [
    Route("report_index", READERS),
    Route("report_city", CITY_REPORTERS, objects=_city),
    Route(
        "report_city",
        CITY_REPORTERS,
        method="post",
        objects=_city,
        data={"period": "2024H1", "format": "docx", "language": "zh"},
    ),
    Route("report_frame_settings", frozenset({"county_admin"})),
    Route("report_schedule", frozenset({"county_admin"})),
    Route(
        "report_schedule",
        frozenset({"county_admin"}),
        method="post",
        data={"enabled": "on", "working_day": "3", "format": "pdf"},
    ),
    Route("report_county", SHOUYANG_READERS, objects=_county, denied=OTHER_404),
    Route("report_download", SHOUYANG_READERS, objects=_file, denied=OTHER_404),
    Route("report_download", ISSUERS, objects=_file, denied=OTHER_404, query="mode=official"),
    # 签发: the confirmation page, and its POST (CSRF, confirmed) that takes the 发文字号.
    Route("report_issue", ISSUERS, objects=_issue, denied=OTHER_404),
    Route(
        "report_issue",
        ISSUERS,
        method="post",
        objects=_issue,
        data={"confirm": "on"},
        denied=OTHER_404,
    ),
    Route("api:list_reports", SHOUYANG_READERS, objects=_county, denied=OTHER_404),
    Route(
        "api:issue_report",
        ISSUERS,
        method="post",
        objects=_issue,
        data={"confirm": True},
        denied=OTHER_404,
    ),
    Route("api:get_report_file", SHOUYANG_READERS, objects=_api_file, denied=OTHER_404),
    Route(
        "api:get_report_file", ISSUERS, objects=_api_file, denied=OTHER_404, query="mode=official"
    ),
]
