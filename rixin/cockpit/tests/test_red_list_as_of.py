"""The red list judges appeals and agreements as they stood at the end of the period."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from rixin.appeals.tests import factories as appeals
from rixin.cockpit.figures import red_list
from rixin.cockpit.periods import CockpitPeriod
from rixin.investment.tests import factories as investment
from rixin.projects.actions import change_status
from rixin.projects.choices import ProjectStatus

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
H1 = CockpitPeriod.parse("2024H1")
YEAR = CockpitPeriod.parse("2024")


def at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=9, tzinfo=SHANGHAI)


def listed(period: CockpitPeriod, group: str) -> list[int]:
    return [item.pk for item in getattr(red_list("140725", period), group)]


def test_an_appeal_answered_in_august_is_overdue_at_the_end_of_june_only(personas):
    late = appeals.answered(
        personas, at=appeals.moment("2024-06-03"), answer_at=appeals.moment("2024-08-12")
    )
    on_time = appeals.answered(
        personas,
        at=appeals.moment("2024-06-04"),
        answer_at=appeals.moment("2024-06-06"),
        title="用地手续咨询",
    )
    assert late.deadline < datetime.date(2024, 6, 30)
    assert on_time.deadline < datetime.date(2024, 6, 30)
    assert listed(H1, "appeals") == [late.pk]
    assert listed(YEAR, "appeals") == []


def test_an_agreement_whose_project_started_in_september_is_unstarted_for_h1_only(personas):
    agreement = investment.agreement(
        project_name="九月开工项目", signed_on=datetime.date(2023, 11, 1)
    )
    officer = investment.centre_officer(agreement.county_id)
    project = investment.actions.hand_over(agreement, acting_user=officer, at=at("2024-01-05"))
    change_status(project, ProjectStatus.NEW_START, acting_user=officer, at=at("2024-09-10"))
    assert listed(H1, "agreements") == [agreement.pk]
    assert listed(YEAR, "agreements") == []


def test_an_agreement_handed_over_after_the_period_was_not_started_in_it(personas):
    agreement = investment.agreement(
        project_name="次年开工项目", signed_on=datetime.date(2023, 10, 1)
    )
    investment.handed_over(agreement, started=True)  # today, after 2024
    assert listed(YEAR, "agreements") == [agreement.pk]


def test_an_agreement_signed_after_the_period_is_not_on_its_red_list(personas):
    investment.agreement(project_name="下半年签约项目", signed_on=datetime.date(2024, 7, 1))
    assert listed(H1, "agreements") == []
    assert listed(CockpitPeriod.parse("2025"), "agreements") != []
