"""Every holiday-calendar URL against every persona (see rixin/urlmatrix.py).

The pages are the system administrator's (the national schedule) and the county
administrator's (their county's overrides). A county administrator asking for another
county's day, or a national day, gets 404; so does the system administrator for a county's."""

import datetime

from rixin.accounts.access import system_actor
from rixin.testing import SHOUYANG, YUCI
from rixin.urlmatrix import Route
from rixin.workcalendar import actions
from rixin.workcalendar.choices import DayKind

MANAGERS = frozenset({"sysadmin", "county_admin"})
COUNTY = frozenset({"county_admin"})
NATIONAL = frozenset({"sysadmin"})
D = datetime.date(2031, 5, 6)
DAY = {"date": "2031-05-07", "kind": DayKind.HOLIDAY, "name": "示例"}


def _county_days(personas):
    own = actions.add_day(
        acting_user=system_actor(), date=D, kind=DayKind.HOLIDAY, county_code=SHOUYANG
    )
    other = actions.add_day(
        acting_user=system_actor(), date=D, kind=DayKind.HOLIDAY, county_code=YUCI
    )
    return {"pk": own.pk}, {"pk": other.pk}


def _national_day(personas):
    day = actions.add_day(acting_user=system_actor(), date=D, kind=DayKind.HOLIDAY)
    return {"pk": day.pk}, None


def _year(personas):
    return {"year": 2031}, None


ROUTES = [
    Route("workcalendar:index", MANAGERS),
    Route("workcalendar:year", MANAGERS, objects=_year),
    Route("workcalendar:day_create", MANAGERS, objects=_year),
    Route("workcalendar:day_create", MANAGERS, method="post", objects=_year, data=DAY),
    Route("workcalendar:year_confirm", MANAGERS, method="post", objects=_year),
    # A county's own day: its administrator; another county's → 404; the system
    # administrator keeps the national schedule only → 404.
    Route("workcalendar:day_edit", COUNTY, objects=_county_days, denied={"sysadmin": 404}),
    Route(
        "workcalendar:day_edit",
        COUNTY,
        method="post",
        objects=_county_days,
        data=DAY,
        denied={"sysadmin": 404},
    ),
    Route(
        "workcalendar:day_delete",
        COUNTY,
        method="post",
        objects=_county_days,
        denied={"sysadmin": 404},
    ),
    # A national day: the system administrator; a county administrator → 404.
    Route("workcalendar:day_edit", NATIONAL, objects=_national_day, denied={"county_admin": 404}),
    Route(
        "workcalendar:day_delete",
        NATIONAL,
        method="post",
        objects=_national_day,
        denied={"county_admin": 404},
    ),
]
