"""产学研 and 科技创新 of the Shouyang demo.

Published (FACTS.md): cooperation with 14 universities (among them 太原理工大学, 山西能源学院,
西安交大, 中国矿大, 中北大学); 4 joint labs (环保造纸, 矿山机械研发, …); 6 high-tech enterprises
(强伟纸业, 圣火伟业, 路桥智慧交通, 艾灸堂农业科技, 利尔康, 晋荞米业) with 34 invention and
utility-model patents and 15.82 亿元 of high-tech revenue over 3 years; 5 intelligent mines
and 75 intelligent faces built, 10 more under way. Invented and marked illustrative: the nine
universities the article does not name, the agreements, the two unnamed labs, each
enterprise's share of the patents and revenue, the certificate numbers, the mines' names,
operators and capacities, the faces' names, the targets, and the patents listed for transfer
(rixin/innovation/data/patents.csv).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.directory import actions as directory_actions
from rixin.directory.models import Enterprise, University
from rixin.innovation import actions
from rixin.innovation.choices import Answer, FaceKind, FaceStatus, MineStatus, TransferStage
from rixin.innovation.evaluation import _rows
from rixin.innovation.models import HighTechCertificate, Push
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

from .funds import enterprise

MORE_UNIVERSITIES = [
    ("山西大学", "山大", "太原"),
    ("山西农业大学", "山西农大", "晋中"),
    ("太原科技大学", "太原科大", "太原"),
    ("山西医科大学", "山西医大", "太原"),
    ("山西财经大学", "山西财大", "太原"),
    ("太原师范学院", "太原师院", "晋中"),
    ("晋中学院", "晋中学院", "晋中"),
    ("山西中医药大学", "山西中医药", "晋中"),
    ("北京科技大学", "北科大", "北京"),
]
NAMED = ["太原理工大学", "山西能源学院", "西安交通大学", "中国矿业大学", "中北大学"]
# (enterprise, invention, utility, revenue over 3 years in 万元): sums 34 and 158200 (15.82 亿元)
HIGH_TECH = [
    ("山西强伟纸业有限公司", 3, 5, 60000),
    ("圣火伟业", 2, 5, 32000),
    ("路桥智慧交通", 2, 4, 25000),
    ("艾灸堂农业科技", 1, 3, 9200),
    ("利尔康", 1, 4, 21000),
    ("晋荞米业", 1, 3, 11000),
]
# (name, field, university, enterprise, named in the article)
LABS = [
    ("环保造纸联合实验室", "环保造纸", "太原理工大学", "山西强伟纸业有限公司", True),
    ("矿山机械研发实验室", "矿山机械研发", "山西能源学院", "圣火伟业", True),
    ("智慧交通联合实验室", "智慧交通", "中北大学", "路桥智慧交通", False),
    ("杂粮精深加工实验室", "杂粮加工", "山西农业大学", "晋荞米业", False),
]
# (mine, capacity 万吨/年, status, faces built, faces under way)
MINES = [
    ("示例一号煤矿", 120, MineStatus.INTELLIGENT, 16, 2),
    ("示例二号煤矿", 150, MineStatus.INTELLIGENT, 15, 2),
    ("示例三号煤矿", 90, MineStatus.INTELLIGENT, 15, 1),
    ("示例四号煤矿", 240, MineStatus.INTELLIGENT, 15, 2),
    ("示例五号煤矿", 120, MineStatus.INTELLIGENT, 14, 1),
    ("七元煤矿", 500, MineStatus.UNDER_WAY, 0, 2),
]


def load(stdout=None) -> dict[str, int]:
    county = Division.objects.get(code=SHOUYANG)
    if HighTechCertificate.objects.filter(county=county).exists():
        return {"certificates": 0}
    actor = system_actor()
    for name, short, city in MORE_UNIVERSITIES:
        if not University.objects.filter(name=name).exists():
            directory_actions.create_university(
                acting_user=system_actor(),
                name=name,
                short_name=short,
                city_name=city,
                is_illustrative=True,
            )
    universities = {u.name: u for u in University.objects.all()}
    firms = {e.name: e for e in Enterprise.objects.filter(county=county)}
    if "奥泰" not in firms:
        firms["奥泰"] = enterprise("奥泰", "C42")
    for row in _rows("enterprises.csv"):
        actions.set_enterprise_profile(
            firms[row["name"]],
            acting_user=actor,
            products=row["products"],
            business_scope=row["business_scope"],
        )
    cooperating = NAMED + [name for name, _s, _c in MORE_UNIVERSITIES]
    partners = list(firms.values())
    for index, name in enumerate(cooperating):
        actions.create_cooperation_agreement(
            acting_user=actor,
            county=county,
            university=universities[name],
            enterprise=partners[index % len(partners)],
            title=f"{universities[name].short_name or name}产学研合作协议",
            signed_on=datetime.date(2023, 3, 1) + datetime.timedelta(days=20 * index),
            is_illustrative=True,
        )
    for name, field, university, firm, named in LABS:
        actions.create_joint_lab(
            acting_user=actor,
            county=county,
            name=name,
            field=field,
            university=universities[university],
            enterprise=firms[firm],
            is_illustrative=not named,
        )
    for index, (firm, invention, utility, revenue) in enumerate(HIGH_TECH):
        actions.record_certificate(
            acting_user=actor,
            enterprise=firms[firm],
            number=f"GR2022140{index + 1:05d}",
            certified_on=datetime.date(2022, 11, 1 + index),
            invention_patents=invention,
            utility_patents=utility,
            revenue_three_years=Decimal(revenue),
            is_illustrative=True,
        )
    _mines(county, firms, actor)
    _patents(county, universities, actor)
    return {
        "universities": len(cooperating),
        "labs": len(LABS),
        "certificates": len(HIGH_TECH),
        "mines": len(MINES),
        "pushes": Push.objects.filter(county=county).count(),
    }


def _mines(county, firms, actor) -> None:
    for index, (name, capacity, status, built, under_way) in enumerate(MINES):
        operator = firms.get(name) or enterprise(f"寿阳县{name}有限公司", "B06")
        mine = actions.create_mine(
            acting_user=actor,
            county=county,
            enterprise=operator,
            name=name,
            capacity=Decimal(capacity),
            status=status,
            is_illustrative=True,
        )
        faces = [(FaceStatus.BUILT, n) for n in range(built)] + [
            (FaceStatus.UNDER_WAY, built + n) for n in range(under_way)
        ]
        for face_status, number in faces:
            actions.add_working_face(
                mine,
                acting_user=actor,
                name=f"{index + 1}{number + 1:02d}工作面",
                kind=FaceKind.MINING if number % 3 == 0 else FaceKind.HEADING,
                status=face_status,
                is_illustrative=True,
            )
    actions.set_smart_mine_target(
        acting_user=actor,
        county=county,
        year=2024,
        intelligent_mines=5,
        intelligent_faces=85,
        is_illustrative=True,
    )


def _patents(county, universities, actor) -> None:
    patents = [
        actions.list_patent(
            acting_user=actor,
            county=county,
            university=universities[row["university"]],
            title=row["title"],
            number=row["number"],
            ipc=row["ipc"],
            abstract=row["abstract"],
            holder=row["holder"],
            licence_terms=row["licence_terms"],
            listed_on=datetime.date(2024, 6, 1),
            is_illustrative=True,
        )
        for row in _rows("patents.csv")
    ]
    for patent in patents:
        actions.push_patent(patent, acting_user=actor, limit=2)
    # Some answers, as the enterprises gave them (illustrative).
    pushes = list(Push.objects.filter(county=county).order_by("pk"))
    answers = [Answer.INTERESTED, Answer.WANTS_MEETING, Answer.NO_NEED]
    for index, push in enumerate(pushes[:9]):
        actions.answer_push(push, acting_user=actor, answer=answers[index % 3], note="示例答复")
    cases = [
        p.case for p in Push.objects.filter(county=county).exclude(case=None).select_related("case")
    ]
    if cases:
        actions.move_case(cases[0], TransferStage.NEGOTIATION, acting_user=actor)
        actions.move_case(
            cases[0], TransferStage.LICENSED, acting_user=actor, reason="签订普通许可合同(示例)"
        )
    if len(cases) > 1:
        actions.move_case(
            cases[1], TransferStage.ENDED, acting_user=actor, reason="企业暂无资金投入(示例)"
        )
