"""Parks test data, built through the actions as the system actor."""

from __future__ import annotations

from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.directory.choices import DepartmentKind
from rixin.parks import actions
from rixin.parks.models import Park, ParkCapacity, ParkKind
from rixin.projects import actions as project_actions
from rixin.projects.choices import ProjectCategory, ProjectStatus
from rixin.projects.models import Project
from rixin.testing import division, make_department


def park(county: str = "140725", name: str = "造纸产业园", **fields) -> Park:
    existing = Park.objects.filter(county_id=county, name=name).first()
    fields.setdefault("kind", ParkKind.INDUSTRIAL)
    return existing or actions.create_park(
        acting_user=system_actor(), county=division(county), name=name, **fields
    )


def capacity(of: Park, product: str = "生活用纸", amount="30", unit="万吨/年") -> ParkCapacity:
    existing = of.capacities.filter(product=product).first()
    return existing or actions.add_capacity(
        of, acting_user=system_actor(), product=product, amount=Decimal(amount), unit=unit
    )


def project(
    of: Park | None,
    name: str = "园区项目",
    status: str = ProjectStatus.RESERVE,
    county: str = "140725",
    total=10000,
) -> Project:
    county = of.county_id if of else county
    return project_actions.create_project(
        acting_user=system_actor(),
        county=division(county),
        name=name,
        category=ProjectCategory.INDUSTRIAL,
        department=make_department(county, DepartmentKind.DEVELOPMENT_ZONE),
        total_investment=Decimal(total),
        status=status,
        park=of,
    )


def declare(project_: Project, target: ParkCapacity, amount="10", unit=None):
    return actions.declare_project_capacity(
        project_,
        acting_user=system_actor(),
        product=target,
        amount=Decimal(amount),
        unit=unit or target.unit,
    )
