"""Approval data built through the actions: the catalogue of a county, a project with a
24-character code, and a case."""

from __future__ import annotations

import datetime
from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.accounts.roles import Role
from rixin.approvals import actions
from rixin.approvals.choices import ProjectType
from rixin.approvals.models import Case, CaseItem, Stage
from rixin.directory.choices import DepartmentKind as K
from rixin.projects import actions as project_actions
from rixin.projects.models import Project
from rixin.testing import SHOUYANG, YUCI, division, make_department, make_user

CODES = {SHOUYANG: "2024-140725-48-01-000101", YUCI: "2024-140702-48-01-000101"}


def catalogue(county: str = SHOUYANG) -> list[Stage]:
    for kind in (K.NATURAL_RESOURCES, K.HOUSING, K.DEVELOPMENT_REFORM):
        make_department(county, kind)
    if not Stage.objects.filter(county_id=county).exists():
        actions.seed_catalogue(division(county), acting_user=system_actor())
    return list(Stage.objects.filter(county_id=county))


def officer_of(county: str, kind: str, username: str | None = None):
    from rixin.accounts.models import User

    username = username or f"{county}_{kind}"
    user = User.objects.filter(username=username).first()
    return user or make_user(
        username, Role.OFFICER, county, department=make_department(county, kind)
    )


def project(personas, county: str = SHOUYANG, code: str | None = None) -> Project:
    code = code or CODES[county]
    existing = Project.objects.filter(code=code).first()
    if existing:
        return existing
    owner = personas.enterprise if county == SHOUYANG else personas.other_enterprise
    writer = personas.officer if county == SHOUYANG else personas.other_officer
    return project_actions.create_project(
        acting_user=writer,
        county=division(county),
        code=code,
        name=f"审批示例项目{county}",
        category="industrial",
        owner=owner,
        department=writer.department,
        total_investment=Decimal("10000"),
    )


def case(personas, county: str = SHOUYANG, opened_on=datetime.date(2024, 3, 1)) -> Case:
    catalogue(county)
    p = project(personas, county)
    existing = Case.objects.filter(project=p).first()
    return existing or actions.open_case(
        acting_user=system_actor(),
        county=division(county),
        project_code=p.code,
        project_type=ProjectType.SOCIAL,
        opened_on=opened_on,
    )


def item(case: Case, code: str) -> CaseItem:
    return case.items.get(catalogue_item__code=code)
