"""招商引资 of the Shouyang demo.

Published (FACTS.md): H1 2024 signed 76.64 亿元 at a completion rate of 106.44% (target
72 亿元); this year's signed projects started at 50%, 125% of the target (40%); the signing
conference "山西中部城市群重要节点"寿阳招商引资大会 with its four agreements and companies;
the development zone follows the 强伟 tissue base and the 道威 storage station; the centre
head's visits to 深圳, 上海, 杭州 and 苏州.

Not published, so invented and marked illustrative: the conference's date and place and the
agreements' dates (the conference is put in July 2024, after the half-year the article
reports), the teams, the leads, the visits' dates and outcomes, and the agreements that make up
H1. Amounts are never typed twice: an agreement linked to a project of the library (loaded
before this step) signs that project's total investment, and the agreements that stay outside
the library take the rest, so H1 adds up to 76.64 亿元 whatever the library's invented figures.
Half of H1's agreements are linked to projects the library shows as started, which gives 50%.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.accounts.models import User
from rixin.investment import actions
from rixin.investment.choices import ActivityKind, AgreementKind, ReviewOpinion, Stage
from rixin.investment.models import Agreement, Team
from rixin.projects.choices import ProjectCategory, ProjectStatus
from rixin.projects.models import Project
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

H1_SIGNED = Decimal("766400")  # 万元 = 76.64 亿元, published
H1_TARGET = Decimal("720000")  # 72 亿元 = 76.64 ÷ 106.44%
TARGET_START_RATE = Decimal("40")  # 50% ÷ 125%
CONFERENCE = "“山西中部城市群重要节点”寿阳招商引资大会"
CONFERENCE_DATE = datetime.date(2024, 7, 12)  # not published

# (companies, project name in the agreement, project name in the library, origin city, team)
CONFERENCE_AGREEMENTS = [
    (
        ["中翰(天津)科技发展集团有限公司"],
        "零碳数字经济产业园项目",
        "零碳数字经济产业园项目",
        "天津",
        "新能源",
    ),
    (
        ["山西强伟纸业有限公司"],
        "生活用纸加工基地项目(30万吨)",
        "强伟30万吨生活用纸加工基地项目",
        "寿阳",
        "环保造纸",
    ),
    (["中央储备粮山西分公司"], "粮食产业园项目", "粮食产业园项目", "太原", "现代农业"),
    (
        ["山西路桥集团交通产业开发有限公司", "北京丰越供应链管理有限公司"],
        "现代物流项目",
        "现代物流项目",
        "北京",
        "智慧物流",
    ),
]
DAOWEI = "北京道威储能公司寿阳200MW/400MWh共享储能电站项目"

# name, industry focus, leader title (illustrative)
TEAMS = [
    ("新能源招商专班", "新能源", "分管副县长"),
    ("智慧物流招商专班", "智慧物流", "常务副县长"),
    ("先进制造招商专班", "高端装备制造、环保造纸、现代农业", "分管副县长"),
]
TEAM_OF_INDUSTRY = {
    "新能源": "新能源招商专班",
    "智慧物流": "智慧物流招商专班",
}
TEAM_TARGETS = {"新能源招商专班": 300000, "智慧物流招商专班": 140000, "先进制造招商专班": 280000}
VISITS = [
    ("深圳", datetime.date(2024, 3, 11), "新能源、储能企业"),
    ("上海", datetime.date(2024, 4, 8), "高端装备制造企业"),
    ("杭州", datetime.date(2024, 5, 13), "数字经济、智慧物流企业"),
    ("苏州", datetime.date(2024, 6, 3), "新材料、环保造纸企业"),
]
# The H1 agreements outside the library: (company, project, city, industry, share of the rest, date)
UNLINKED = [
    (
        "深圳示例储能科技有限公司",
        "分布式储能装备制造项目",
        "深圳",
        "新能源",
        Decimal("0.35"),
        (3, 28),
    ),
    (
        "上海示例智能装备有限公司",
        "智能矿山装备产业园项目",
        "上海",
        "高端装备制造",
        Decimal("0.30"),
        (4, 26),
    ),
    ("杭州示例数字物流有限公司", "数字物流枢纽项目", "杭州", "智慧物流", Decimal("0.20"), (5, 30)),
    ("苏州示例新材料有限公司", "环保新材料项目", "苏州", "环保造纸", None, (6, 20)),
]
STARTED_CITIES = ["深圳", "上海", "杭州", "苏州", "太原"]
OPEN_LEADS = [
    ("深圳示例光伏材料有限公司", "深圳", "新能源", 60000, Stage.NEGOTIATION),
    ("上海示例机器人有限公司", "上海", "高端装备制造", 30000, Stage.REVIEW),
    ("杭州示例冷链物流有限公司", "杭州", "智慧物流", 20000, Stage.CLUE),
    ("苏州示例纸品有限公司", "苏州", "环保造纸", 15000, Stage.CLUE),
]


DAYS = datetime.timedelta(days=1)


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _teams(county) -> dict[str, Team]:
    officer = User.objects.filter(username="sy_zhaoshang").first()
    teams = {}
    for name, focus, title in TEAMS:
        teams[name] = actions.create_team(
            acting_user=system_actor(),
            county=county,
            name=name,
            industry_focus=focus,
            leader_title=title,
            members=[officer] if officer else [],
            is_illustrative=True,
        )
        actions.set_target(
            acting_user=system_actor(),
            county=county,
            team=teams[name],
            year=2024,
            period="h1",
            signing_amount=Decimal(TEAM_TARGETS[name]),
            is_illustrative=True,
        )
    actions.set_target(
        acting_user=system_actor(),
        county=county,
        year=2024,
        period="h1",
        signing_amount=H1_TARGET,
        start_rate=TARGET_START_RATE,
    )
    return teams


def _lead_to_signing(county, team, company, city, industry, amount, day, source="field_trip"):
    """A lead taken from first contact to negotiation before ``day``."""
    lead = actions.create_lead(
        acting_user=system_actor(),
        county=county,
        at=_at(day - datetime.timedelta(days=60)),
        source=source,
        company_name=company,
        origin_city=city,
        industry=industry,
        intended_investment=amount,
        team=team,
        is_illustrative=True,
    )
    return _advance(lead, Stage.NEGOTIATION, day)


def _advance(lead, stage: str, day: datetime.date):
    """Move a lead from 线索 up to ``stage`` (研判 or 洽谈), dated in the weeks before ``day``."""
    if stage in (Stage.REVIEW, Stage.NEGOTIATION):
        lead = actions.move_lead(
            lead, Stage.REVIEW, acting_user=system_actor(), at=_at(day - DAYS * 45)
        )
    if stage == Stage.NEGOTIATION:
        actions.record_review(
            lead,
            acting_user=system_actor(),
            opinion=ReviewOpinion.PURSUE,
            note="符合产业方向",
            at=_at(day - DAYS * 30),
        )
        lead = actions.move_lead(
            lead, Stage.NEGOTIATION, acting_user=system_actor(), at=_at(day - DAYS * 25)
        )
    return lead


def _sign(county, lead, project_name, amount, day, *, companies=None, event=None, **fields):
    return actions.record_agreement(
        acting_user=system_actor(),
        county=county,
        companies=companies or [lead.company_name],
        lead=lead,
        event=event,
        project_name=project_name,
        kind=fields.pop("kind", AgreementKind.INVESTMENT),
        amount=amount,
        signed_on=day,
        is_illustrative=True,
        **fields,
    )


def _started_projects(county) -> list[Project]:
    """Five started industrial projects of the library, the smallest first (deterministic)."""
    candidates = Project.objects.filter(
        county=county,
        category=ProjectCategory.INDUSTRIAL,
        status=ProjectStatus.NEW_START,
        is_illustrative=True,
        agreement__isnull=True,
    ).order_by("total_investment", "name")
    return list(candidates[:5])


def _h1(county, teams) -> int:
    """H1 2024: 道威 and five started projects handed over, four agreements outside."""
    created = 0
    daowei = Project.objects.get(county=county, name=DAOWEI)
    lead = _lead_to_signing(
        county,
        teams["新能源招商专班"],
        "北京道威储能公司",
        "北京",
        "新能源",
        daowei.total_investment,
        datetime.date(2024, 2, 26),
        source="assigned",
    )
    agreement = _sign(county, lead, DAOWEI, daowei.total_investment, datetime.date(2024, 2, 26))
    actions.link_project(agreement, daowei, acting_user=system_actor())
    linked = daowei.total_investment
    for number, project in enumerate(_started_projects(county)):
        day = datetime.date(2024, 1 + number, 15)
        city = STARTED_CITIES[number]
        industry = project.industry.name if project.industry_id else "高端装备制造"
        team = teams[TEAM_OF_INDUSTRY.get(industry, "先进制造招商专班")]
        lead = _lead_to_signing(
            county,
            team,
            f"{city}示例实业有限公司{number + 1}",
            city,
            industry,
            project.total_investment,
            day,
        )
        agreement = _sign(county, lead, project.name, project.total_investment, day)
        actions.link_project(agreement, project, acting_user=system_actor())
        actions.move_lead(
            lead,
            Stage.STARTED,
            acting_user=system_actor(),
            at=_at(day + datetime.timedelta(days=20)),
        )
        linked += project.total_investment
        created += 1
    rest, used = H1_SIGNED - linked, Decimal(0)
    for company, project_name, city, industry, share, (month, dom) in UNLINKED:
        amount = (rest * share).quantize(Decimal(1)) if share else rest - used
        used += amount
        day = datetime.date(2024, month, dom)
        team = teams[TEAM_OF_INDUSTRY.get(industry, "先进制造招商专班")]
        lead = _lead_to_signing(county, team, company, city, industry, amount, day)
        _sign(county, lead, project_name, amount, day)
        created += 1
    return created + 1


def _conference(county, teams) -> int:
    event = actions.create_event(
        acting_user=system_actor(),
        county=county,
        name=CONFERENCE,
        date=CONFERENCE_DATE,
        place="寿阳县",
        is_illustrative=True,
    )
    for companies, project_name, library_name, city, industry in CONFERENCE_AGREEMENTS:
        project = Project.objects.get(county=county, name=library_name)
        agreement = actions.record_agreement(
            acting_user=system_actor(),
            county=county,
            companies=companies,
            event=event,
            project_name=project_name,
            kind=AgreementKind.INVESTMENT,
            amount=project.total_investment,
            signed_on=CONFERENCE_DATE,
            origin_city=city,
            industry=industry,
            team=teams[TEAM_OF_INDUSTRY.get(industry, "先进制造招商专班")],
            is_illustrative=True,
        )
        actions.link_project(agreement, project, acting_user=system_actor())
    return len(CONFERENCE_AGREEMENTS)


def _visits_and_open_leads(county, teams) -> int:
    for city, day, met in VISITS:
        actions.record_activity(
            acting_user=system_actor(),
            county=county,
            kind=ActivityKind.VISIT,
            start_date=day,
            end_date=day + datetime.timedelta(days=4),
            cities=city,
            participants="投资促进服务中心主任、招商专班成员",
            companies_met=met,
            outcome="对接意向企业,收集项目线索。",
            is_illustrative=True,
        )
    today = timezone.localdate()
    for number, (company, city, industry, amount, stage) in enumerate(OPEN_LEADS):
        team = teams[TEAM_OF_INDUSTRY.get(industry, "先进制造招商专班")]
        lead = actions.create_lead(
            acting_user=system_actor(),
            county=county,
            at=_at(datetime.date(2024, 6, 10)),
            source="field_trip",
            company_name=company,
            origin_city=city,
            industry=industry,
            intended_investment=Decimal(amount),
            team=team,
            is_illustrative=True,
        )
        lead = _advance(lead, stage, datetime.date(2024, 7, 20))
        actions.record_activity(
            acting_user=system_actor(),
            county=county,
            kind=ActivityKind.FOLLOW_UP,
            lead=lead,
            start_date=datetime.date(2024, 7, 1),
            outcome="电话回访,企业继续考察选址。",
            next_contact_on=today + datetime.timedelta(days=number - 1),
            is_illustrative=True,
        )
    return len(OPEN_LEADS)


def load(stdout=None) -> dict[str, int]:
    county = Division.objects.get(code=SHOUYANG)
    if Agreement.objects.filter(county=county).exists():
        return {"agreements": 0}
    teams = _teams(county)
    agreements = _h1(county, teams) + _conference(county, teams)
    leads = _visits_and_open_leads(county, teams)
    return {"agreements": agreements, "open_leads": leads, "visits": len(VISITS)}
