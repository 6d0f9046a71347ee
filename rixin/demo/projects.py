"""The project library of the Shouyang demo: 271 projects, total investment 735 亿元.

Published (FACTS.md): the count and the total, the three categories, the six industries,
the named projects and their state in July 2024, 七元煤矿's Q1 investment of 3.31 亿元,
the tourist road's 5.17 km, the pipeline project's 1 亿元 special bond, 21 planned
starts and 21 planned completions this year. Not published, so invented and marked
illustrative: every project's monthly figures and plans, and the filler projects that bring
the library to 271 projects and 735 亿元. The named projects themselves are published, so
they are not marked (they are what an OC4IDS package of the demo publishes); their total
investment is invented. The demo's "today" is the meeting, 2024-07-24.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from rixin.accounts.access import system_actor
from rixin.demo.codes import illustrative_location
from rixin.directory.choices import DepartmentKind as K
from rixin.directory.models import Department, Enterprise
from rixin.parks.models import Park
from rixin.projects import actions
from rixin.projects.choices import MilestoneStatus as M
from rixin.projects.choices import ProjectCategory as C
from rixin.projects.choices import ProjectStatus as S
from rixin.projects.models import Industry, Project
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

TODAY = datetime.date(2024, 7, 24)
YEAR = 2024
SHANGHAI = ZoneInfo("Asia/Shanghai")
# The library as the demo shows it was entered at the start of the year (illustrative).
ENTERED = datetime.datetime(2024, 1, 5, 9, tzinfo=SHANGHAI)
ONE_DAY = datetime.timedelta(days=1)
PROJECT_COUNT = 271
TOTAL_INVESTMENT = Decimal("7350000")  # 万元 = 735 亿元
INDUSTRIES = ["智慧物流", "环保造纸", "高端装备制造", "新能源", "现代农业", "文旅康养"]
EXTRA_INDUSTRIES = ["煤炭绿色循环"]  # not in the article's list: illustrative


@dataclass
class Named:
    name: str
    category: str
    department: str  # DepartmentKind
    total: int  # 万元, invented
    status: str
    industry: str = ""
    park: str = ""
    owner: str = ""
    level: str = "county"
    key_one: bool = False
    content: str = ""
    plan: int = 0  # 2024 planned investment (万元), invented
    plans_start: bool = False
    plans_completion: bool = False
    reports: list = field(default_factory=list)  # [(month, 万元, physical %, text)]
    milestones: list = field(default_factory=list)  # [(name, type, due, status, met_on)]
    problem: str = ""


D = datetime.date
NAMED = [
    Named(
        "青银二广高速太原联络线",
        C.INFRASTRUCTURE,
        K.TRANSPORT,
        450000,
        S.UNDER_CONSTRUCTION,
        "智慧物流",
        level="provincial",
        content="全省首条智慧高速,应用5G、物联网、大数据、云计算;建成后寿阳至太原30分钟通达。",
        plan=90000,
    ),
    Named(
        "七元煤矿",
        C.INDUSTRIAL,
        K.ENERGY,
        500000,
        S.UNDER_CONSTRUCTION,
        "煤炭绿色循环",
        owner="七元煤矿",
        level="provincial",
        content="矿井建设。",
        plan=120000,
        reports=[
            (1, 9800, None, ""),
            (2, 10200, None, ""),
            (3, 13100, None, "一季度累计完成投资3.31亿元。"),
        ],
        milestones=[("工作面出煤", "completion", D(2024, 12, 31), M.SCHEDULED, None)],
    ),
    Named(
        "山西路桥山西数字化交通产业园项目(南区)",
        C.INDUSTRIAL,
        K.DEVELOPMENT_ZONE,
        150000,
        S.UNDER_CONSTRUCTION,
        "智慧物流",
        park="交通智慧物流百亿产业园区",
        owner="山西路桥集团交通产业开发有限公司",
        level="city",
        content="一期基本完工;二期已取得土地证,一期场地平整完成。",
        plan=30000,
        milestones=[
            ("一期基本完工", "completion", D(2024, 6, 30), M.MET, D(2024, 6, 28)),
            ("二期取得土地证", "approval", D(2024, 6, 30), M.MET, D(2024, 6, 20)),
        ],
    ),
    Named(
        "平头数字化现代农业种养园区项目",
        C.INDUSTRIAL,
        K.AGRICULTURE,
        30000,
        S.UNDER_CONSTRUCTION,
        "现代农业",
        park="太晋一体化寿阳(平头)融合发展区",
        content="管网开挖及主管道焊接完成;水罐、门卫房主体基本完工;内部装修进行中;年内完工。",
        plan=18000,
        plans_completion=True,
        reports=[
            (
                6,
                2600,
                Decimal("75"),
                "管网开挖、主管道焊接已完成,水罐、门卫房主体基本完工,正在进行内部装修。",
            )
        ],
        milestones=[("竣工", "completion", D(2024, 12, 31), M.SCHEDULED, None)],
    ),
    Named(
        "智创大道",
        C.INFRASTRUCTURE,
        K.HOUSING,
        20000,
        S.UNDER_CONSTRUCTION,
        content="年内完工。",
        plan=12000,
        plans_completion=True,
    ),
    Named(
        "污水处理厂项目",
        C.INFRASTRUCTURE,
        K.HOUSING,
        15000,
        S.UNDER_CONSTRUCTION,
        content="年内完工。",
        plan=9000,
        plans_completion=True,
    ),
    Named(
        "鹿泉山至乌金山旅游公路工程",
        C.INFRASTRUCTURE,
        K.TRANSPORT,
        40000,
        S.UNDER_CONSTRUCTION,
        "文旅康养",
        content="全长5.17公里。",
        plan=22000,
        plans_completion=True,
        reports=[(6, 3800, Decimal("80"), "全线5.17公里挡墙全部完成,1座大桥、2座中桥正在施工。")],
        milestones=[
            ("全线挡墙完成", "other", D(2024, 6, 30), M.MET, D(2024, 6, 25)),
            ("完工", "completion", D(2024, 7, 31), M.SCHEDULED, None),
        ],
    ),
    Named(
        "城南新材料产业园基础设施管线工程",
        C.INFRASTRUCTURE,
        K.DEVELOPMENT_ZONE,
        25000,
        S.UNDER_CONSTRUCTION,
        park="城南新材料产业园",
        content="已获国家发展改革委、财政部审核通过;第二批专项债券资金1亿元。",
        plan=12000,
        milestones=[
            ("国家发展改革委、财政部审核通过", "approval", D(2024, 4, 30), M.MET, D(2024, 4, 30)),
            ("第二批专项债券资金1亿元到位", "financing", D(2024, 6, 30), M.MET, D(2024, 6, 30)),
        ],
    ),
    Named(
        "寿阳县滨阳路改造工程", C.INFRASTRUCTURE, K.HOUSING, 8000, S.UNDER_CONSTRUCTION, plan=5000
    ),
    Named("县景观提质升级", C.LIVELIHOOD, K.HOUSING, 6000, S.UNDER_CONSTRUCTION, plan=4000),
    Named(
        "强伟30万吨生活用纸加工基地项目",
        C.INDUSTRIAL,
        K.DEVELOPMENT_ZONE,
        300000,
        S.PREPARATION,
        "环保造纸",
        park="造纸产业园",
        owner="山西强伟纸业有限公司",
        level="city",
        plans_start=True,
        plan=20000,
        problem="项目用地手续需加快办理",
    ),
    Named(
        "北京道威储能公司寿阳200MW/400MWh共享储能电站项目",
        C.INDUSTRIAL,
        K.DEVELOPMENT_ZONE,
        80000,
        S.PREPARATION,
        "新能源",
        plans_start=True,
        plan=10000,
    ),
    Named(
        "零碳数字经济产业园项目", C.INDUSTRIAL, K.INVESTMENT_PROMOTION, 500000, S.RESERVE, "新能源"
    ),
    Named(
        "粮食产业园项目",
        C.INDUSTRIAL,
        K.INVESTMENT_PROMOTION,
        100000,
        S.RESERVE,
        "现代农业",
        park="中储粮粮食产业园",
        owner="中央储备粮山西分公司",
    ),
    Named(
        "现代物流项目",
        C.INDUSTRIAL,
        K.INVESTMENT_PROMOTION,
        200000,
        S.RESERVE,
        "智慧物流",
        owner="山西路桥集团交通产业开发有限公司",
    ),
    Named(
        "太晋一体化寿阳(平头)融合发展区基础设施项目",
        C.INFRASTRUCTURE,
        K.TOWNSHIP,
        60000,
        S.UNDER_CONSTRUCTION,
        "智慧物流",
        park="太晋一体化寿阳(平头)融合发展区",
        key_one=True,
        content="全县“一号工程”,以交通智慧物流百亿产业园区为主引擎,“4+2”项目。",
        plan=15000,
    ),
    Named(
        "307国道、216省道百里廊带乡村振兴项目",
        C.LIVELIHOOD,
        K.AGRICULTURE,
        30000,
        S.UNDER_CONSTRUCTION,
        "现代农业",
        plan=8000,
    ),
]

# Filler statuses (254 projects): with the named ones, 21 planned starts and 21 planned completions.
FILLER_STATUSES = (
    [S.RESERVE] * 84
    + [S.PREPARATION] * 45
    + [S.NEW_START] * 15
    + [S.UNDER_CONSTRUCTION] * 80
    + [S.COMPLETED] * 20
    + [S.OPERATING] * 10
)
FILLER_PLANNED_START = {S.NEW_START: 15, S.PREPARATION: 4}
FILLER_PLANNED_COMPLETION = {S.UNDER_CONSTRUCTION: 12, S.COMPLETED: 5}
CATEGORY_OF_DEPARTMENT = {
    K.TRANSPORT: C.INFRASTRUCTURE,
    K.HOUSING: C.INFRASTRUCTURE,
    K.TOWNSHIP: C.LIVELIHOOD,
    K.CULTURE_TOURISM: C.LIVELIHOOD,
    K.AGRICULTURE: C.INDUSTRIAL,
    K.INDUSTRY: C.INDUSTRIAL,
    K.ENERGY: C.INDUSTRIAL,
    K.DEVELOPMENT_ZONE: C.INDUSTRIAL,
    K.INVESTMENT_PROMOTION: C.INDUSTRIAL,
}
FILLER_INDUSTRY = {
    K.AGRICULTURE: "现代农业",
    K.INDUSTRY: "高端装备制造",
    K.ENERGY: "新能源",
    K.DEVELOPMENT_ZONE: "环保造纸",
    K.INVESTMENT_PROMOTION: "智慧物流",
    K.CULTURE_TOURISM: "文旅康养",
}
FILLER_WORDS = {C.INDUSTRIAL: "产业", C.INFRASTRUCTURE: "基础设施", C.LIVELIHOOD: "民生"}


def _lookups(county):
    departments = {}
    for d in Department.objects.filter(county=county).order_by("pk"):
        departments.setdefault(d.kind, d)
    industries = {i.name: i for i in Industry.objects.filter(county=county)}
    parks = {p.name: p for p in Park.objects.filter(county=county)}
    owners = {e.name: e for e in Enterprise.objects.filter(county=county)}
    return departments, industries, parks, owners


def _industries(county, actor) -> None:
    for order, name in enumerate(INDUSTRIES + EXTRA_INDUSTRIES):
        if not Industry.objects.filter(county=county, name=name).exists():
            actions.create_industry(
                acting_user=actor,
                county=county,
                name=name,
                order=order,
                is_illustrative=name in EXTRA_INDUSTRIES,
            )


def _submitted(month: int) -> datetime.datetime:
    """A report is submitted on the 3rd of the next month and approved on the 4th."""
    return datetime.datetime(YEAR, month + 1, 3, 10, tzinfo=SHANGHAI)


def _reports(project, plan: int, months: range, pace: float, rng, actor, physical=None) -> None:
    """Monthly reports at ``pace`` × the even monthly plan; June's a few still under review."""
    for month in months:
        amount = Decimal(plan) / 12 * Decimal(str(round(pace * rng.uniform(0.85, 1.15), 3)))
        report = actions.submit_monthly_report(
            project,
            acting_user=actor,
            year=YEAR,
            month=month,
            investment=amount.quantize(Decimal(1)),
            physical_progress=physical,
            today=TODAY,
            at=_submitted(month),
            is_illustrative=True,
        )
        if month < 6 or rng.random() < 0.7:
            actions.approve_report(report, acting_user=actor, at=_submitted(month) + ONE_DAY)


def _named(county, lookups, rng, actor) -> Decimal:
    departments, industries, parks, owners = lookups
    total = Decimal(0)
    for index, spec in enumerate(NAMED, 1):
        project = actions.create_project(
            acting_user=actor,
            county=county,
            at=ENTERED,
            name=spec.name,
            category=spec.category,
            department=departments[spec.department],
            total_investment=Decimal(spec.total),
            status=spec.status,
            industry=industries.get(spec.industry),
            park=parks.get(spec.park),
            owner=owners.get(spec.owner),
            level=spec.level,
            is_key_one=spec.key_one,
            construction_content=spec.content,
            leader_title="县级包联领导",
            # The article names the project and its state: published, so not illustrative
            # (its invented plan and reports are rows of their own, marked illustrative; its
            # code and site are invented too, the article gives neither).
            is_illustrative=False,
            **illustrative_location(SHOUYANG, index, spec.category, YEAR),
        )
        total += project.total_investment
        if spec.plan:
            actions.save_annual_plan(
                project,
                acting_user=actor,
                year=YEAR,
                planned_investment=Decimal(spec.plan),
                plans_start=spec.plans_start,
                plans_completion=spec.plans_completion,
                is_illustrative=True,
            )
        published = {month for month, *_rest in spec.reports}
        if spec.status == S.UNDER_CONSTRUCTION and spec.plan:
            _reports(
                project, spec.plan, [m for m in range(1, 7) if m not in published], 1.0, rng, actor
            )
        for month, amount, physical, text in spec.reports:
            report = actions.submit_monthly_report(
                project,
                acting_user=actor,
                year=YEAR,
                month=month,
                investment=Decimal(amount),
                physical_progress=physical,
                progress_text=text,
                today=TODAY,
                at=_submitted(month),
                is_illustrative=True,
            )
            actions.approve_report(report, acting_user=actor, at=_submitted(month) + ONE_DAY)
        for name, kind, due, status, met_on in spec.milestones:
            actions.add_milestone(
                project,
                acting_user=actor,
                name=name,
                type=kind,
                due_date=due,
                status=status,
                met_on=met_on,
            )
        if spec.problem:
            actions.raise_problem(
                project,
                acting_user=actor,
                description=spec.problem,
                department=departments[K.NATURAL_RESOURCES],
                raised_on=datetime.date(2024, 7, 10),
                is_illustrative=True,
            )
    return total


def _amounts(count: int, total: Decimal, rng) -> list[Decimal]:
    """``count`` invented amounts (万元, whole) adding up to ``total`` exactly."""
    weights = [rng.lognormvariate(0, 1.1) for _ in range(count)]
    scale = total / Decimal(str(sum(weights)))
    amounts = [max(Decimal(500), (Decimal(str(w)) * scale).quantize(Decimal(1))) for w in weights]
    amounts[-1] += total - sum(amounts)
    return amounts


def _fillers(county, lookups, remaining: Decimal, rng, actor) -> None:
    departments, industries, parks, _owners = lookups
    kinds = list(CATEGORY_OF_DEPARTMENT)
    start_quota, completion_quota = dict(FILLER_PLANNED_START), dict(FILLER_PLANNED_COMPLETION)
    amounts = _amounts(len(FILLER_STATUSES), remaining, rng)
    for number, (status, amount) in enumerate(zip(FILLER_STATUSES, amounts, strict=True), 1):
        kind = kinds[number % len(kinds)]
        category = CATEGORY_OF_DEPARTMENT[kind]
        project = actions.create_project(
            acting_user=actor,
            county=county,
            at=ENTERED,
            name=f"示例{FILLER_WORDS[category]}项目{number:03d}",
            category=category,
            department=departments[kind],
            total_investment=amount,
            status=status,
            industry=industries.get(FILLER_INDUSTRY.get(kind, "")),
            leader_title="县级包联领导",
            is_illustrative=True,
            **illustrative_location(SHOUYANG, len(NAMED) + number, category, YEAR),
        )
        plans_start = start_quota.get(status, 0) > 0
        plans_completion = completion_quota.get(status, 0) > 0
        start_quota[status] = start_quota.get(status, 0) - plans_start
        completion_quota[status] = completion_quota.get(status, 0) - plans_completion
        if status in (S.RESERVE, S.OPERATING) or (status == S.PREPARATION and not plans_start):
            continue
        share = 1.0 if status == S.COMPLETED else rng.uniform(0.15, 0.4)
        plan = int(amount * Decimal(str(round(share, 3))) / (2 if status == S.COMPLETED else 1))
        actions.save_annual_plan(
            project,
            acting_user=actor,
            year=YEAR,
            planned_investment=Decimal(plan),
            plans_start=plans_start,
            plans_completion=plans_completion,
            is_illustrative=True,
        )
        if status == S.PREPARATION:
            continue
        first = rng.randint(2, 5) if status == S.NEW_START else 1
        if rng.random() < 0.08:  # a few have not reported June yet: owed, and late after the 5th
            last = 5
        else:
            last = 6
        pace = rng.choice([0.5, 0.8, 1.0, 1.0, 1.1, 1.3, 1.6])
        physical = Decimal(rng.randint(10, 95)) if status != S.COMPLETED else Decimal(100)
        _reports(project, plan, range(first, last + 1), pace, rng, actor, physical)


def load(stdout=None) -> dict[str, int]:
    county = Division.objects.get(code=SHOUYANG)
    if Project.objects.filter(county=county).exists():
        return {"projects": 0}
    actor = system_actor()
    _industries(county, actor)
    lookups = _lookups(county)
    rng = random.Random(20240724)
    named_total = _named(county, lookups, rng, actor)
    _fillers(county, lookups, TOTAL_INVESTMENT - named_total, rng, actor)
    return {"projects": Project.objects.filter(county=county).count()}
