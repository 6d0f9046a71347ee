"""No write of the project library without saying who makes it; the system actor is
checked like anyone else and may act in every county."""

from decimal import Decimal

import pytest

from rixin.accounts.access import MissingActor, system_actor
from rixin.projects import access, actions
from rixin.projects.models import Industry, MonthlyReport, Project
from rixin.testing import division

from .factories import TODAY, project, report

pytestmark = pytest.mark.django_db


def test_creating_a_project_without_an_actor_is_refused(personas):
    with pytest.raises(MissingActor):
        actions.create_project(
            acting_user=None,
            county=division("140725"),
            name="无人填报",
            category="industrial",
            department=personas.officer.department,
            total_investment=Decimal(1),
        )
    assert not Project.objects.exists()


def test_reporting_reviewing_and_administering_without_an_actor_are_refused(personas):
    item = project(personas.transport)
    with pytest.raises(MissingActor):
        actions.submit_monthly_report(
            item, acting_user=None, year=2024, month=6, investment=Decimal(1), today=TODAY
        )
    assert not MonthlyReport.objects.exists()
    submitted = report(personas.transport, item, 6, "1")
    with pytest.raises(MissingActor):
        actions.approve_report(submitted, acting_user=None)
    with pytest.raises(MissingActor):
        actions.create_industry(acting_user=None, county=division("140725"), name="无主产业")
    assert not Industry.objects.filter(name="无主产业").exists()
    with pytest.raises(MissingActor):
        access.may_write(None, item)


def test_the_system_actor_writes_in_any_county(personas):
    actor = system_actor()
    item = project(personas.other_officer)
    assert access.may_write(actor, item)
    submitted = actions.submit_monthly_report(
        item, acting_user=actor, year=2024, month=6, investment=Decimal(1), today=TODAY
    )
    assert actions.approve_report(submitted, acting_user=actor).reviewed_by == actor
