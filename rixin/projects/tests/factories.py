"""Test data for the project library, built through the actions."""

from __future__ import annotations

import datetime
from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.projects import actions
from rixin.projects.choices import ProjectCategory, ProjectStatus
from rixin.projects.models import Industry, Project
from rixin.testing import division

TODAY = datetime.date(2024, 7, 24)
# Test projects enter the library at the start of 2023, so the months they report are theirs.
ENTERED = datetime.datetime(2023, 1, 1, 9, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


def industry(county: str = "140725", name: str = "智慧物流") -> Industry:
    return Industry.objects.filter(county_id=county, name=name).first() or actions.create_industry(
        acting_user=system_actor(), county=division(county), name=name
    )


def project(
    user, *, name: str = "示例项目", status: str = ProjectStatus.RESERVE, **fields
) -> Project:
    """A project of ``user``'s county and department, created by ``user``."""
    county = user.division
    fields.setdefault("department", user.department)
    fields.setdefault("category", ProjectCategory.INDUSTRIAL)
    fields.setdefault("total_investment", Decimal("10000"))
    fields.setdefault("industry", industry(county.code))
    fields.setdefault("at", ENTERED)
    return actions.create_project(
        acting_user=user, county=county, name=name, status=status, **fields
    )


def report(user, project: Project, month: int, investment, year: int = 2024, **fields):
    return actions.submit_monthly_report(
        project,
        acting_user=user,
        year=year,
        month=month,
        investment=Decimal(str(investment)),
        today=TODAY,
        **fields,
    )
