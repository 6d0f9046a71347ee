"""The periods a county's report page offers, and the words of a period."""

import datetime

import pytest

from rixin.cockpit.periods import CockpitPeriod
from rixin.reports.content import period_label
from rixin.reports.downloads import available_periods
from rixin.testing import SHOUYANG

from .demo import a_project_reporting

pytestmark = pytest.mark.django_db


def test_a_county_without_figures_offers_nothing(personas):
    assert available_periods(SHOUYANG) == []


def test_months_up_to_the_latest_report_and_the_ended_half_years(personas):
    a_project_reporting(2024, 7)
    keys = [p.key for p in available_periods(SHOUYANG)]
    assert keys == [
        "2024-07",
        "2024-06",
        "2024H1",
        "2024-05",
        "2024-04",
        "2024-03",
        "2024-02",
        "2024-01",
        "2023H2",
        "2023H1",
    ]


def test_a_month_after_april_has_a_label_in_both_languages():
    period = CockpitPeriod.parse("2024-07")
    assert period_label(period) == "2024年7月"
    assert period_label(period, "en") == "July 2024"
    assert period_label(CockpitPeriod.parse("2024H1")) == "2024年上半年"
    assert datetime.date(2024, 7, 31) == period.end
