"""Map test data: projects with sites, set through the project actions."""

from __future__ import annotations

from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.projects import actions
from rixin.projects.tests.factories import project, report


def sited(user, name: str, lat: str | None, lon: str | None, **fields):
    """A project of ``user``'s county and department, then its site set by an edit."""
    item = project(user, name=name, **fields)
    if lat is not None:
        item = actions.update_project(
            item,
            {"latitude": Decimal(lat), "longitude": Decimal(lon)},
            acting_user=user,
            expected_version=item.version,
        )
    return item


def planned(item, planned_investment="1200", done="600", month=6):
    """A 2024 plan and a June report: ``done`` of ``planned_investment`` (万元)."""
    actor = system_actor()
    actions.save_annual_plan(
        item, acting_user=actor, year=2024, planned_investment=Decimal(planned_investment)
    )
    report(actor, item, month, done, physical_progress=Decimal("40"))
    return item
