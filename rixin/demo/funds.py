"""Fiscal support funds of the Shouyang demo.

Published (FACTS.md): in 2024 the county finance bureau arranged 固体废物回收资金 4844 万元,
强伟纸业项目资金 2000 万元 and 奥泰项目资金 600 万元 (under the 优势产业提能行动); the
城南新材料产业园 pipework received the second batch of special bonds, 1 亿元. Not published,
so invented and marked illustrative: the recipient of the solid-waste fund, every 文号 and
voucher, the disbursements, and the total of the 优势产业提能行动 programme (the sum of its
two published allocations).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.directory import actions as directory_actions
from rixin.directory.choices import DepartmentKind
from rixin.directory.models import Department, Enterprise
from rixin.funds import actions
from rixin.funds.choices import FundSource
from rixin.funds.models import Allocation, Programme
from rixin.projects.models import Project
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

from .codes import illustrative_credit_code

YEAR = 2024
AOTAI = "奥泰"


def enterprise(name: str, industry: str) -> Enterprise:
    code = illustrative_credit_code(name)
    found = Enterprise.objects.filter(credit_code=code).first()
    return found or directory_actions.create_enterprise(
        acting_user=system_actor(),
        county=Division.objects.get(code=SHOUYANG),
        name=name,
        credit_code=code,
        industry=industry,
        contact_title="企业联系人",
        is_illustrative=True,
    )


def load(stdout=None) -> dict[str, int]:
    county = Division.objects.get(code=SHOUYANG)
    if Programme.objects.filter(county=county, year=YEAR).exists():
        return {"programmes": 0}
    actor = system_actor()
    finance = Department.objects.get(county=county, kind=DepartmentKind.FINANCE)
    qiangwei = Enterprise.objects.get(county=county, name="山西强伟纸业有限公司")
    qiyuan = Enterprise.objects.get(county=county, name="七元煤矿")
    aotai = enterprise(AOTAI, "C42")
    tissue = Project.objects.filter(county=county, name="强伟30万吨生活用纸加工基地项目").first()
    pipework = Project.objects.filter(
        county=county, name="城南新材料产业园基础设施管线工程"
    ).first()

    def programme(name, source, amount, *, itemised=False, illustrative=False, note=""):
        return actions.create_programme(
            acting_user=actor,
            county=county,
            department=finance,
            name=name,
            source=source,
            year=YEAR,
            amount=Decimal(amount),
            itemised=itemised,
            is_illustrative=illustrative,
            note=note,
        )

    solid = programme("固体废物回收资金", FundSource.COUNTY, 4844)
    strengths = programme(
        "优势产业提能行动",
        FundSource.COUNTY,
        2600,
        itemised=True,
        illustrative=True,
        note="统筹各类财政资金,支持重点链主企业发展。",
    )
    bonds = programme("第二批专项债券资金", FundSource.SPECIAL_BOND, 10000)

    def allocate(prog, amount, number, **fields):
        return actions.create_allocation(
            acting_user=actor,
            programme=prog,
            amount=Decimal(amount),
            document_number=number,
            allocated_on=datetime.date(2024, 4, 15),
            is_illustrative=True,
            **fields,
        )

    solid_a = allocate(
        solid,
        4844,
        "寿财建〔2024〕11号",
        enterprise=qiyuan,
        conditions="用于煤矸石等固体废物回收利用(受助企业为示例)。",
    )
    qiangwei_a = allocate(
        strengths,
        2000,
        "寿财企〔2024〕21号",
        enterprise=qiangwei,
        project=tissue,
        conditions="用于30万吨生活用纸加工基地项目建设。",
    )
    aotai_a = allocate(strengths, 600, "寿财企〔2024〕22号", enterprise=aotai)
    bond_a = allocate(
        bonds,
        10000,
        "寿财债〔2024〕2号",
        project=pipework,
        conditions="专项用于城南新材料产业园基础设施管线工程。",
    )
    paid = 0
    for allocation, amount, voucher, day in [
        (solid_a, 2000, "SY-BF-2024-0101", datetime.date(2024, 5, 20)),
        (qiangwei_a, 1000, "SY-BF-2024-0102", datetime.date(2024, 6, 10)),
        (aotai_a, 300, "SY-BF-2024-0103", datetime.date(2024, 6, 18)),
        (bond_a, 6000, "SY-BF-2024-0104", datetime.date(2024, 6, 30)),
    ]:
        actions.record_disbursement(
            acting_user=actor,
            allocation=allocation,
            paid_on=day,
            amount=Decimal(amount),
            voucher=voucher,
            is_illustrative=True,
        )
        paid += 1
    return {
        "programmes": 3,
        "allocations": Allocation.objects.filter(county=county).count(),
        "disbursements": paid,
    }
