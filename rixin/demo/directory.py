"""Departments, enterprises and universities of the Shouyang demo.

Named in the article: 营商环境局, 财政局, 工商联, 投资促进服务中心, 经开区; the six
high-tech enterprises and the signing conference's companies; five universities. Their
credit codes are not published, so the codes are invented (valid) and the records marked
illustrative. Departments the article does not name are marked illustrative too.
"""

from __future__ import annotations

import datetime

from rixin.accounts.access import system_actor
from rixin.directory import actions
from rixin.directory.choices import DepartmentKind as K
from rixin.directory.models import Department, Enterprise, University
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

from .codes import illustrative_credit_code

# (name, kind, named in the article)
SHOUYANG_DEPARTMENTS = [
    ("寿阳县发展和改革局", K.DEVELOPMENT_REFORM, False),
    ("寿阳县投资促进服务中心", K.INVESTMENT_PROMOTION, True),
    ("寿阳县统计局", K.STATISTICS, False),
    ("寿阳县营商环境局", K.BUSINESS_ENVIRONMENT, True),
    ("寿阳县财政局", K.FINANCE, True),
    ("寿阳县工商业联合会", K.FEDERATION, True),
    ("寿阳县司法局", K.JUSTICE, False),
    ("寿阳经济技术开发区管委会", K.DEVELOPMENT_ZONE, True),
    ("寿阳县工业和信息化局", K.INDUSTRY, False),
    ("寿阳县自然资源局", K.NATURAL_RESOURCES, False),
    ("寿阳县住房和城乡建设管理局", K.HOUSING, False),
    ("寿阳县交通运输局", K.TRANSPORT, False),
    ("寿阳县农业农村局", K.AGRICULTURE, False),
    ("寿阳县文化和旅游局", K.CULTURE_TOURISM, False),
    ("寿阳县能源局", K.ENERGY, False),
    ("寿阳县平头镇人民政府", K.TOWNSHIP, False),
]
OTHER_COUNTY_DEPARTMENTS = [
    ("发展和改革局", K.DEVELOPMENT_REFORM),
    ("投资促进服务中心", K.INVESTMENT_PROMOTION),
    ("统计局", K.STATISTICS),
    ("营商环境局", K.BUSINESS_ENVIRONMENT),
    ("工商业联合会", K.FEDERATION),
    ("交通运输局", K.TRANSPORT),
]

# (name, industry, high-tech, registered in Shouyang)
ENTERPRISES = [
    ("山西强伟纸业有限公司", "C22", True),
    ("圣火伟业", "C35", True),
    ("路桥智慧交通", "I65", True),
    ("艾灸堂农业科技", "A01", True),
    ("利尔康", "C27", True),
    ("晋荞米业", "C13", True),
    ("山西路桥集团交通产业开发有限公司", "G54", False),
    ("中央储备粮山西分公司", "G59", False),
    ("七元煤矿", "B06", False),
]
UNIVERSITIES = [
    ("太原理工大学", "太原理工", "太原"),
    ("山西能源学院", "山西能源", "晋中"),
    ("西安交通大学", "西安交大", "西安"),
    ("中国矿业大学", "中国矿大", "徐州"),
    ("中北大学", "中北大学", "太原"),
]


def load(stdout=None) -> dict[str, int]:
    created = {"departments": 0, "enterprises": 0, "universities": 0}
    actor = system_actor()
    shouyang = Division.objects.get(code=SHOUYANG)
    for name, kind, named in SHOUYANG_DEPARTMENTS:
        if not Department.objects.filter(county=shouyang, name=name).exists():
            actions.create_department(
                acting_user=actor, county=shouyang, name=name, kind=kind, is_illustrative=not named
            )
            created["departments"] += 1
    for county in Division.objects.counties().filter(parent_id="140700").exclude(code=SHOUYANG):
        for suffix, kind in OTHER_COUNTY_DEPARTMENTS:
            name = county.name + suffix
            if not Department.objects.filter(county=county, name=name).exists():
                actions.create_department(
                    acting_user=actor, county=county, name=name, kind=kind, is_illustrative=True
                )
                created["departments"] += 1
    for index, (name, industry, high_tech) in enumerate(ENTERPRISES):
        code = illustrative_credit_code(name)
        if not Enterprise.objects.filter(credit_code=code).exists():
            actions.create_enterprise(
                acting_user=actor,
                county=shouyang,
                name=name,
                credit_code=code,
                industry=industry,
                is_high_tech=high_tech,
                high_tech_certified_on=datetime.date(2022, 11, 1 + index) if high_tech else None,
                contact_title="企业联系人",
                is_illustrative=True,
            )
            created["enterprises"] += 1
    for name, short, city in UNIVERSITIES:
        if not University.objects.filter(name=name).exists():
            actions.create_university(
                acting_user=actor, name=name, short_name=short, city_name=city
            )
            created["universities"] += 1
    return created
