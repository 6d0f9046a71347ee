"""The periods a county's report page offers, and the words of a period."""

import datetime

import pytest

from rixin.accounts.access import system_actor
from rixin.cockpit.periods import CockpitPeriod
from rixin.projects.actions import submit_monthly_report
from rixin.reports.content import period_label
from rixin.reports.downloads import available_periods, is_flash
from rixin.testing import SHOUYANG

from .demo import a_project_reporting

pytestmark = pytest.mark.django_db


def test_a_county_without_figures_offers_nothing(personas):
    assert available_periods(SHOUYANG) == []


def test_the_months_with_figures_and_their_quarters_halves_and_year_once_they_are_over(personas):
    project = a_project_reporting(2024, 3)  # a project reports from the month it entered
    submit_monthly_report(project, acting_user=system_actor(), year=2024, month=7, investment=5)
    keys = [p.key for p in available_periods(SHOUYANG, today=datetime.date(2026, 12, 1))]
    # Newest first; of periods ending on the same day, the widest first.
    assert keys == ["2024", "2024H2", "2024Q3", "2024-07", "2024H1", "2024Q1", "2024-03"]
    in_august = [p.key for p in available_periods(SHOUYANG, today=datetime.date(2024, 8, 15))]
    assert in_august == ["2024-07", "2024H1", "2024Q1", "2024-03"]


def test_the_month_under_way_is_offered_only_as_a_flash_report(personas):
    a_project_reporting(2024, 7)
    today = datetime.date(2024, 7, 15)
    periods = available_periods(SHOUYANG, today=today)
    assert [p.key for p in periods] == ["2024-07"]  # 2024H2 has not ended
    assert is_flash(periods[0], today) and not is_flash(periods[0], datetime.date(2024, 8, 1))
    assert available_periods(SHOUYANG, today=datetime.date(2024, 6, 30)) == []


def test_the_page_marks_the_month_under_way_as_a_flash_report(personas, client_for):
    today = datetime.date.today()
    a_project_reporting(today.year, today.month)
    page = client_for(personas.leader).get("/reports/140725/").content.decode()
    assert 'data-testid="flash"' in page and "快报" in page


def test_a_month_after_april_has_a_label_in_both_languages():
    period = CockpitPeriod.parse("2024-07")
    assert period_label(period) == "2024年7月"
    assert period_label(period, "en") == "July 2024"
    assert period_label(CockpitPeriod.parse("2024H1")) == "2024年上半年"
    assert datetime.date(2024, 7, 31) == period.end
