"""The July 2024 paper (以月答卷) of Shouyang: about ten appeals from the enterprises of the
directory, and complaints from the service centre's comment book (意见簿).

The article names the mechanism (工商联出卷、县委政府答卷、企业家阅卷) and the complaint
rule, not the appeals: every appeal, complaint, category and mark here is invented and
marked illustrative. The loop is walked through the actions with pinned times in July and
August 2024, so the result sheet and the scorecards come out the same on every load.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from rixin.accounts.access import system_actor
from rixin.appeals import actions
from rixin.appeals.choices import AppealKind, Channel
from rixin.appeals.models import Appeal, Category, Paper
from rixin.directory.choices import DepartmentKind as K
from rixin.directory.models import Department, Enterprise
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

TZ = ZoneInfo("Asia/Shanghai")
JULY = datetime.date(2024, 7, 1)

# code, name, kind, department kind, working days
CATEGORIES = [
    ("yaosu", "要素保障", AppealKind.APPEAL, K.INDUSTRY, 10),
    ("rongzi", "融资", AppealKind.APPEAL, K.FINANCE, 10),
    ("yongdi", "用地", AppealKind.APPEAL, K.NATURAL_RESOURCES, 15),
    ("shenpi", "审批", AppealKind.APPEAL, K.BUSINESS_ENVIRONMENT, 5),
    ("zhengce", "政策兑现", AppealKind.APPEAL, K.DEVELOPMENT_REFORM, 10),
    ("jichu", "基础设施", AppealKind.APPEAL, K.TRANSPORT, 15),
    ("jiancha", "执法检查", AppealKind.APPEAL, K.JUSTICE, 10),
    ("qita", "其他", AppealKind.APPEAL, K.DEVELOPMENT_REFORM, 10),
    ("fuwu", "服务态度", AppealKind.COMPLAINT, K.BUSINESS_ENVIRONMENT, 5),
    ("xiaolv", "办事效率", AppealKind.COMPLAINT, K.BUSINESS_ENVIRONMENT, 5),
]


def at(day: str, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=TZ)


def _department(county: Division, kind: str) -> Department:
    return Department.objects.filter(county=county, kind=kind).order_by("pk").first()


def _categories(actor, county: Division) -> dict[str, Category]:
    found = {}
    for code, name, kind, department_kind, days in CATEGORIES:
        found[code] = Category.objects.filter(
            county=county, code=code
        ).first() or actions.create_category(
            acting_user=actor,
            county=county,
            code=code,
            name=name,
            kind=kind,
            default_department=_department(county, department_kind),
            deadline_days=days,
            open311=kind == AppealKind.APPEAL,
            is_illustrative=True,
        )
    return found


def _register(
    actor,
    county,
    categories,
    enterprise,
    code,
    title,
    content,
    day,
    channel=Channel.FEDERATION_MONTHLY,
):
    return actions.register_appeal(
        acting_user=actor,
        county=county,
        kind=AppealKind.APPEAL,
        channel=channel,
        category=categories[code],
        title=title,
        content=content,
        enterprise=Enterprise.objects.get(county=county, name=enterprise),
        is_illustrative=True,
        at=at(day, 9),
    )


def _days(appeal: Appeal) -> int:
    """The working days the demo's dispatcher gives: the catalogue's value for the category."""
    return appeal.category.deadline_days


def _handle(actor, appeal, lead, dispatched, acknowledged, answered=None, solution="", post=""):
    actions.dispatch_appeal(
        appeal, acting_user=actor, lead=lead, deadline_days=_days(appeal), at=dispatched
    )
    actions.acknowledge_appeal(appeal, acting_user=actor, at=acknowledged)
    if answered:
        actions.answer_appeal(
            appeal,
            acting_user=actor,
            solution=solution,
            post=post,
            done_on=answered.date(),
            at=answered,
        )
    return appeal


def _mark(actor, appeal, satisfaction, resolution, day, comment=""):
    actions.mark_answer(
        appeal,
        acting_user=actor,
        satisfaction=satisfaction,
        resolution=resolution,
        comment=comment,
        at=at(day, 15),
    )


def load(stdout=None) -> dict[str, int]:
    county = Division.objects.get(code=SHOUYANG)
    if Paper.objects.filter(county=county, month=JULY).exists():
        return {"appeals": 0}
    actor = system_actor()
    categories = _categories(actor, county)
    dept = {kind: _department(county, kind) for kind in K.values}
    r = lambda *a, **k: _register(actor, county, categories, *a, **k)  # noqa: E731

    paper_mill = r(
        "山西强伟纸业有限公司",
        "yaosu",
        "生活用纸项目用电增容",
        "30万吨生活用纸加工基地需增容 2 万千伏安,请协调供电部门。",
        "2024-07-01",
    )
    fire = r(
        "圣火伟业",
        "rongzi",
        "流动资金贷款贴息",
        "申请技改项目流动资金贷款贴息,不清楚办理流程。",
        "2024-07-01",
    )
    smart = r(
        "路桥智慧交通",
        "shenpi",
        "施工许可与竣工验收并联办理",
        "希望施工许可、竣工验收备案并联办理,缩短工期。",
        "2024-07-02",
    )
    moxa = r(
        "艾灸堂农业科技",
        "yongdi",
        "种植基地设施农用地备案",
        "设施农用地备案材料被退回两次,请明确要求。",
        "2024-07-02",
    )
    lierkang = r(
        "利尔康",
        "zhengce",
        "高新技术企业奖励兑现",
        "2023 年认定高新技术企业的奖励资金尚未到账。",
        "2024-07-03",
    )
    buckwheat = r(
        "晋荞米业", "jichu", "厂区门前道路破损", "厂区门前道路破损,运粮车辆通行困难。", "2024-07-03"
    )
    road_group = r(
        "山西路桥集团交通产业开发有限公司",
        "jichu",
        "307国道路口货车转弯困难",
        "物流园出口与 307 国道交叉口转弯半径不足。",
        "2024-07-04",
    )
    grain = r(
        "中央储备粮山西分公司",
        "jichu",
        "307国道路口需增设信号灯",
        "粮食产业园车辆进出 307 国道路口存在安全隐患。",
        "2024-07-04",
        Channel.FORUM,
    )
    coal = r(
        "七元煤矿",
        "jiancha",
        "同一事项重复检查",
        "一个月内就同一事项接受三次检查,影响生产。",
        "2024-07-05",
    )
    paper_mill_2 = r(
        "山西强伟纸业有限公司",
        "qita",
        "技术工人招聘",
        "新生产线需招聘技术工人 80 名,希望联合举办专场招聘会。",
        "2024-07-05",
    )

    actions.issue_paper(
        county,
        JULY,
        acting_user=actor,
        meeting_on=datetime.date(2024, 7, 26),
        at=at("2024-07-05", 17),
        is_illustrative=True,
    )

    _handle(
        actor,
        paper_mill,
        dept[K.INDUSTRY],
        at("2024-07-08"),
        at("2024-07-08", 15),
        at("2024-07-18"),
        "已协调供电公司完成现场勘察,增容方案 8 月上旬实施。",
        "工信局电力股",
    )
    _mark(actor, paper_mill, "satisfied", "resolved", "2024-07-26", "答卷会上当面答复,很满意。")
    _handle(
        actor,
        fire,
        dept[K.FINANCE],
        at("2024-07-08"),
        at("2024-07-09", 9),
        at("2024-07-22"),
        "已列入第三批贴息名单,8 月拨付。",
        "财政局经建股",
    )
    _mark(actor, fire, "basic", "partly", "2024-07-26", "名单已定,资金尚未到账。")
    _handle(
        actor,
        smart,
        dept[K.BUSINESS_ENVIRONMENT],
        at("2024-07-08"),
        at("2024-07-08", 11),
        at("2024-07-12"),
        "已纳入并联审批,施工许可与竣工验收备案同步办理。",
        "营商环境局审批股",
    )
    _mark(actor, smart, "satisfied", "resolved", "2024-07-26")

    # 用地: marked 不满意, sent back (重办), answered again and marked 满意.
    _handle(
        actor,
        moxa,
        dept[K.NATURAL_RESOURCES],
        at("2024-07-08"),
        at("2024-07-10"),
        at("2024-07-24"),
        "请按规定补充材料后再次提交。",
        "自然资源局耕保股",
    )
    _mark(actor, moxa, "unsatisfied", "unresolved", "2024-07-26", "仍未说明缺哪些材料。")
    actions.reopen_appeal(
        moxa,
        "请列出所缺材料清单,并上门指导。",
        acting_user=actor,
        deadline_days=_days(moxa),
        at=at("2024-07-29"),
    )
    actions.acknowledge_appeal(moxa, acting_user=actor, at=at("2024-07-29", 14))
    actions.add_progress(moxa, "已上门核对材料。", acting_user=actor, at=at("2024-08-02"))
    actions.answer_appeal(
        moxa,
        acting_user=actor,
        solution="已一次性告知并上门指导,备案 8 月 6 日办结。",
        post="自然资源局耕保股",
        done_on=datetime.date(2024, 8, 6),
        at=at("2024-08-06"),
    )
    _mark(actor, moxa, "satisfied", "resolved", "2024-08-08")

    # 政策兑现: acknowledged, never answered: overdue.
    actions.dispatch_appeal(
        lierkang,
        acting_user=actor,
        lead=dept[K.DEVELOPMENT_REFORM],
        deadline_days=_days(lierkang),
        at=at("2024-07-08"),
    )
    actions.acknowledge_appeal(lierkang, acting_user=actor, at=at("2024-07-10"))
    actions.add_progress(
        lierkang, "已向财政局核实资金安排。", acting_user=actor, at=at("2024-07-15")
    )
    assignment = lierkang.assignments.get(ended_at__isnull=True)
    actions.remind_assignment(assignment, acting_user=actor, at=at("2024-07-18", 8))
    actions.flag_overdue(assignment, acting_user=actor, at=at("2024-07-23", 8))
    actions.escalate_appeal(
        lierkang, "请发改局会同财政局本月内兑现。", acting_user=actor, at=at("2024-07-26")
    )

    # 道路: 交通运输局 returns it (乡镇道路), the desk reassigns to the township.
    actions.dispatch_appeal(
        buckwheat,
        acting_user=actor,
        lead=dept[K.TRANSPORT],
        deadline_days=_days(buckwheat),
        at=at("2024-07-08"),
    )
    actions.return_appeal(
        buckwheat, "该路段为乡道,属平头镇管养。", acting_user=actor, at=at("2024-07-09")
    )
    _handle(
        actor,
        buckwheat,
        dept[K.TOWNSHIP],
        at("2024-07-09", 15),
        at("2024-07-10"),
        at("2024-07-25"),
        "已修补破损路面 300 平方米。",
        "平头镇村建办",
    )
    _mark(actor, buckwheat, "satisfied", "resolved", "2024-07-29")

    # 307 国道路口: two appeals merged into one; both enterprises mark the answer.
    actions.dispatch_appeal(
        road_group,
        acting_user=actor,
        lead=dept[K.TRANSPORT],
        deadline_days=_days(road_group),
        at=at("2024-07-08"),
    )
    actions.merge_appeal(grain, road_group, acting_user=actor, at=at("2024-07-08", 11))
    actions.acknowledge_appeal(road_group, acting_user=actor, at=at("2024-07-08", 16))
    actions.answer_appeal(
        road_group,
        acting_user=actor,
        solution="路口渠化改造已列入计划,9 月底前增设信号灯。",
        post="交通运输局公路股",
        done_on=datetime.date(2024, 9, 30),
        at=at("2024-07-25"),
    )
    _mark(actor, road_group, "basic", "partly", "2024-07-29", "期待尽快完工。")
    _mark(actor, grain, "satisfied", "partly", "2024-07-30")

    # 重复检查: answered, never marked: closed as 未评价 (never as satisfied).
    _handle(
        actor,
        coal,
        dept[K.JUSTICE],
        at("2024-07-08"),
        at("2024-07-08", 14),
        at("2024-07-19"),
        "已推行“综合查一次”,同一事项合并检查。",
        "司法局执法监督股",
    )
    actions.close_unmarked(coal, acting_user=actor, at=at("2024-07-30", 8))

    _handle(
        actor,
        paper_mill_2,
        dept[K.DEVELOPMENT_REFORM],
        at("2024-07-08"),
        at("2024-07-09"),
        at("2024-07-24"),
        "8 月 10 日在开发区举办专场招聘会。",
        "发改局就业协调",
    )
    _mark(actor, paper_mill_2, "satisfied", "resolved", "2024-07-30")

    for appeal in (paper_mill, smart, buckwheat):
        actions.publish_appeal(appeal, True, acting_user=actor, at=at("2024-07-31"))

    complaints = _complaints(actor, county, categories, dept)
    return {
        "appeals": Appeal.objects.filter(county=county, kind=AppealKind.APPEAL).count(),
        "complaints": complaints,
    }


def _complaints(actor, county, categories, dept) -> int:
    """From the comment book of the government service centre (意见簿)."""
    # A complaint is never handled by the department it is about: the justice bureau
    # (行政执法监督) takes the one about 营商环境局, 营商环境局 the others.
    rows = [
        (
            "fuwu",
            "自助服务区设备故障无人处理",
            "24小时自助区打印机故障,值班电话无人接听。",
            dept[K.BUSINESS_ENVIRONMENT],
            dept[K.JUSTICE],
            "2024-07-09",
        ),
        (
            "xiaolv",
            "不动产登记窗口排队时间长",
            "上午排队两个多小时。",
            dept[K.NATURAL_RESOURCES],
            dept[K.BUSINESS_ENVIRONMENT],
            "2024-07-16",
        ),
    ]
    for code, title, content, about, handler, day in rows:
        complaint = actions.register_appeal(
            acting_user=actor,
            county=county,
            kind=AppealKind.COMPLAINT,
            channel=Channel.COMMENT_BOOK,
            category=categories[code],
            title=title,
            content=content,
            complained_department=about,
            is_illustrative=True,
            at=at(day, 11),
        )
        actions.dispatch_appeal(
            complaint,
            acting_user=actor,
            lead=handler,
            deadline_days=_days(complaint),
            at=at(day, 14),
        )
        actions.acknowledge_appeal(complaint, acting_user=actor, at=at(day, 16))
    waiting = Appeal.objects.get(county=county, title=rows[1][1])
    actions.flag_overdue(
        waiting.assignments.get(ended_at__isnull=True), acting_user=actor, at=at("2024-07-24", 8)
    )
    first = Appeal.objects.get(county=county, title=rows[0][1])
    actions.answer_appeal(
        first,
        acting_user=actor,
        solution="已督促营商环境局更换设备并公布 24 小时值班电话。",
        post="司法局行政执法协调监督股",
        at=at("2024-07-12"),
    )
    actions.close_unmarked(first, acting_user=actor, at=at("2024-07-22", 8))
    return len(rows)
