"""Appeal test data, built through the actions."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from rixin.accounts.access import system_actor
from rixin.appeals import actions
from rixin.appeals.choices import AppealKind, Channel
from rixin.appeals.models import Category
from rixin.testing import SHOUYANG, YUCI, division, make_department

SHANGHAI = ZoneInfo("Asia/Shanghai")


def moment(day: str, hour: int = 10) -> datetime.datetime:
    """A pinned time in the county's time zone: moment("2024-09-30", 9)."""
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI)


def category(
    personas, *, kind=AppealKind.APPEAL, code="yaosu", days=5, county=SHOUYANG, open311=True
) -> Category:
    existing = Category.objects.filter(county_id=county, code=code).first()
    if existing:
        return existing
    department = (
        personas.officer.department if county == SHOUYANG else personas.other_officer.department
    )
    return actions.create_category(
        acting_user=system_actor(),
        county=division(county),
        code=code,
        name={"yaosu": "要素保障", "fuwu": "服务态度"}.get(code, code),
        kind=kind,
        default_department=department,
        deadline_days=days,
        open311=open311 and kind == AppealKind.APPEAL,
    )


def registered(personas, *, at=None, enterprise=None, title="用电增容审批慢", **extra):
    return actions.register_appeal(
        acting_user=personas.gongshanglian,
        county=division(SHOUYANG),
        kind=AppealKind.APPEAL,
        channel=Channel.FEDERATION_MONTHLY,
        category=category(personas),
        title=title,
        content="新上生产线需要增容 2000 千伏安,申请已提交两个月。",
        enterprise=enterprise or personas.enterprise,
        at=at,
        **extra,
    )


def dispatched(personas, *, at=None, lead=None, **extra):
    appeal = registered(personas, at=at, **extra)
    # The dispatcher gives the catalogue's working days (5), which the tests' dates count.
    return actions.dispatch_appeal(
        appeal,
        acting_user=personas.gongshanglian,
        lead=lead or personas.officer.department,
        deadline_days=appeal.category.deadline_days,
        at=at,
    )


def answered(personas, *, at=None, ack_at=None, answer_at=None, **extra):
    appeal = dispatched(personas, at=at, **extra)
    actions.acknowledge_appeal(appeal, acting_user=personas.officer, at=ack_at or at)
    return actions.answer_appeal(
        appeal,
        acting_user=personas.officer,
        solution="已协调供电公司现场勘察,本月底前完成增容。",
        post="发改局能源股",
        done_on=datetime.date(2024, 7, 30),
        at=answer_at or at,
    )


def complaint(personas, *, at=None, about=None):
    return actions.register_appeal(
        acting_user=personas.yingshang,
        county=division(SHOUYANG),
        kind=AppealKind.COMPLAINT,
        channel=Channel.COMMENT_BOOK,
        category=category(personas, kind=AppealKind.COMPLAINT, code="fuwu"),
        title="窗口人员态度生硬",
        content="办理业务时窗口人员不耐烦。",
        complainant_name="投诉人甲",
        complainant_phone="13800000000",
        complained_department=about or personas.transport.department,
        at=at,
    )


def yuci_department():
    return make_department(YUCI, "jiaotong")
