"""The red list: what is late at the end of the period."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from rixin.appeals.tests import factories as appeals
from rixin.cockpit.figures import red_list
from rixin.cockpit.periods import CockpitPeriod
from rixin.investment.tests import factories as investment
from rixin.projects import actions as project_actions
from rixin.projects.choices import MilestoneType, ProjectStatus
from rixin.projects.tests import factories as projects

pytestmark = pytest.mark.django_db
H1 = CockpitPeriod.parse("2024H1")
# Projects enter the library before the period they are read in.
ENTERED = datetime.datetime(2024, 1, 5, 9, tzinfo=datetime.UTC)


def test_an_agreement_not_started_after_n_months_is_listed(personas):
    late = investment.agreement(project_name="迟迟未开工项目", signed_on=datetime.date(2023, 11, 1))
    started = investment.agreement(project_name="已开工项目", signed_on=datetime.date(2023, 10, 1))
    # Started by the period's end: the red list reads the status the project had then.
    officer = investment.centre_officer(started.county_id)
    project = investment.actions.hand_over(started, acting_user=officer, at=ENTERED)
    project_actions.change_status(project, ProjectStatus.NEW_START, acting_user=officer, at=ENTERED)
    investment.agreement(project_name="新签项目", signed_on=datetime.date(2024, 5, 1))
    listed = [item.pk for item in red_list("140725", H1).agreements]
    assert listed == [late.pk]
    assert red_list("140725", H1, months=12).agreements == ()


def test_an_overdue_milestone_and_a_behind_project_are_listed(personas):
    project = projects.project(
        personas.officer, name="滞后项目", status=ProjectStatus.NEW_START, at=ENTERED
    )
    project_actions.save_annual_plan(
        project, acting_user=personas.officer, year=2024, planned_investment=Decimal(1200)
    )
    projects.report(personas.officer, project, 1, 10)
    project_actions.add_milestone(
        project,
        acting_user=personas.officer,
        name="取得施工许可",
        type=MilestoneType.APPROVAL,
        due_date=datetime.date(2024, 3, 1),
    )
    red = red_list("140725", H1)
    assert [item.pk for item in red.behind] == [project.pk]
    assert [item.title for item in red.milestones] == ["滞后项目:取得施工许可"]
    assert project.pk in [item.pk for item in red.reports]  # February to June not reported


def test_an_appeal_past_its_deadline_is_listed(personas):
    appeal = appeals.dispatched(personas, at=appeals.moment("2024-05-06"))
    assert [item.pk for item in red_list("140725", H1).appeals] == [appeal.pk]
    assert red_list("140725", CockpitPeriod.parse("2024-04")).appeals == ()


def test_each_red_item_links_to_its_page(personas, client_for):
    appeal = appeals.dispatched(personas, at=appeals.moment("2024-05-06"))
    response = client_for(personas.leader).get(reverse("cockpit") + "?period=2024H1")
    group = next(g for g in response.context["red"] if g["key"] == "appeals")
    assert group["items"][0][1] == reverse("appeal_detail", kwargs={"pk": appeal.pk})
    assert client_for(personas.leader).get(group["items"][0][1]).status_code == 200


def test_the_months_of_the_agreement_rule_come_from_the_page(personas, client_for):
    response = client_for(personas.leader).get(reverse("cockpit") + "?months=12")
    assert response.context["months"] == 12
    response = client_for(personas.leader).get(reverse("cockpit") + "?months=abc")
    assert response.context["months"] == 6
