"""Funds test data, built through the actions."""

from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind
from rixin.funds import actions
from rixin.testing import division, make_department, make_user


def finance_officer(county="140725", name="sy_caizheng"):
    return make_user(
        name, Role.OFFICER, county, department=make_department(county, DepartmentKind.FINANCE)
    )


def programme(county="140725", amount=1000, name="固体废物回收资金", year=2024):
    return actions.create_programme(
        acting_user=system_actor(),
        county=division(county),
        department=make_department(county, DepartmentKind.FINANCE),
        name=name,
        source="county",
        year=year,
        amount=Decimal(amount),
    )


def allocation(enterprise, amount=500, number="寿财〔2024〕1号", prog=None):
    prog = prog or programme(enterprise.county_id)
    return actions.create_allocation(
        acting_user=system_actor(),
        programme=prog,
        enterprise=enterprise,
        amount=Decimal(amount),
        document_number=number,
    )
