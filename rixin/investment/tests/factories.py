"""Test data of 招商引资, built through the actions (the system actor unless a user is given)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.investment import actions
from rixin.investment.choices import AgreementKind, LeadSource, ReviewOpinion, Stage
from rixin.investment.models import Agreement, Lead
from rixin.testing import SHOUYANG, division


def lead(county: str = SHOUYANG, *, user=None, **fields) -> Lead:
    fields.setdefault("source", LeadSource.FIELD_TRIP)
    fields.setdefault("company_name", "深圳示例科技有限公司")
    fields.setdefault("origin_city", "深圳")
    fields.setdefault("origin_province", "广东")
    fields.setdefault("industry", "新能源")
    fields.setdefault("intended_investment", Decimal("50000"))
    return actions.create_lead(
        acting_user=user or system_actor(), county=division(county), **fields
    )


def lead_in_negotiation(county: str = SHOUYANG, *, user=None, **fields) -> Lead:
    item = lead(county, user=user, **fields)
    actions.move_lead(item, Stage.REVIEW, acting_user=user or system_actor())
    actions.record_review(item, acting_user=user or system_actor(), opinion=ReviewOpinion.PURSUE)
    return actions.move_lead(item, Stage.NEGOTIATION, acting_user=user or system_actor())


def agreement(
    county: str = SHOUYANG,
    *,
    user=None,
    companies=("深圳示例科技有限公司",),
    amount="10000",
    signed_on=datetime.date(2024, 5, 10),
    **fields,
) -> Agreement:
    fields.setdefault("project_name", f"示例项目{Agreement.objects.count() + 1}")
    fields.setdefault("kind", AgreementKind.INVESTMENT)
    return actions.record_agreement(
        acting_user=user or system_actor(),
        county=division(county),
        companies=list(companies),
        amount=Decimal(amount),
        signed_on=signed_on,
        **fields,
    )


def handed_over(item: Agreement, *, started: bool = False):
    """Hand the agreement to the library; with ``started`` move its project to 新开工."""
    from rixin.projects.actions import change_status
    from rixin.projects.choices import ProjectStatus

    officer = centre_officer(item.county_id)
    project = actions.hand_over(item, acting_user=officer)
    if started:
        change_status(project, ProjectStatus.NEW_START, acting_user=officer)
    return project


def centre_officer(county: str = SHOUYANG):
    """The county's investment-promotion officer (a persona), who hands agreements over to the
    project library and moves their projects on; the system actor where there is none."""
    from rixin.accounts.models import User
    from rixin.accounts.roles import Role
    from rixin.directory.choices import DepartmentKind

    officer = User.objects.filter(
        role=Role.OFFICER,
        division_id=county,
        department__kind=DepartmentKind.INVESTMENT_PROMOTION,
    ).first()
    return officer or system_actor()
