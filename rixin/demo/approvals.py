"""并联审批 in Shouyang: the national catalogue, and the cases of two projects of the library.

The article says that the development zone "开启并联协同工作模式,实现了施工许可和竣工验收备案
'并肩跑'"; it gives no case, date or document number. Both cases, their 2024 dates, the
project codes and the document numbers are invented and marked illustrative. The county
marks 竣工验收 as allowed to overlap 施工许可, so in both cases the two tracks run side by
side. One item is under 补正, one granted on the applicant's commitment (告知承诺制), one
overdue; the 山西路桥 case goes through 联合验收 to the end.
"""

from __future__ import annotations

import datetime

from rixin.accounts.access import system_actor
from rixin.approvals import actions
from rixin.approvals.choices import ItemKind, ProjectType
from rixin.approvals.models import Case, Stage
from rixin.projects import access as project_access
from rixin.projects import actions as project_actions
from rixin.projects.models import Project
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

D = datetime.date

# Illustrative codes of the national online approval platform (备案 projects: type 03).
PROJECTS = {
    "luqiao": ("山西路桥山西数字化交通产业园项目(南区)", "2023-140725-54-03-000101"),
    "qiangwei": ("强伟30万吨生活用纸加工基地项目", "2024-140725-22-03-000102"),
}

# (item code, accepted on, kind, [(step, on, extra)])
LUQIAO = [
    ("xiangmu-beian", D(2024, 3, 4), None, [("grant", D(2024, 3, 6), "寿发改备〔2024〕11号")]),
    ("yongdi-yushen", D(2024, 3, 4), None, [("grant", D(2024, 3, 20), "寿自然资预〔2024〕5号")]),
    ("xuanzhi", D(2024, 3, 4), None, [("grant", D(2024, 3, 15), "选字第140725202400006号")]),
    ("yongdi-guihua", D(2024, 3, 8), None, [("grant", D(2024, 3, 22), "地字第140725202400009号")]),
    (
        "gongcheng-guihua",
        D(2024, 3, 25),
        None,
        [("grant", D(2024, 4, 12), "建字第140725202400014号")],
    ),
    ("shigongtu", D(2024, 4, 15), None, [("grant", D(2024, 4, 26), "寿施审〔2024〕21号")]),
    ("shigong-xuke", D(2024, 4, 29), None, [("grant", D(2024, 5, 9), "140725202405090101")]),
    # 竣工验收 starts while 施工许可 is still open: 并肩跑.
    (
        "xiaofang-yanshou",
        D(2024, 5, 6),
        None,
        [("grant", D(2024, 5, 17), "寿住建消验字〔2024〕8号")],
    ),
    ("guihua-heshi", D(2024, 5, 6), None, [("grant", D(2024, 5, 16), "寿规核〔2024〕7号")]),
    (
        "jungong-beian",
        D(2024, 5, 8),
        ItemKind.TOLERANT,
        [("grant", D(2024, 5, 17), "寿竣备〔2024〕12号")],
    ),
]

QIANGWEI = [
    ("xiangmu-beian", D(2024, 4, 8), None, [("grant", D(2024, 4, 9), "寿发改备〔2024〕19号")]),
    ("yongdi-yushen", D(2024, 4, 9), None, [("grant", D(2024, 4, 30), "寿自然资预〔2024〕9号")]),
    ("xuanzhi", D(2024, 4, 9), None, [("grant", D(2024, 4, 19), "选字第140725202400011号")]),
    ("yongdi-guihua", D(2024, 4, 22), None, [("grant", D(2024, 5, 10), "地字第140725202400015号")]),
    (
        "gongcheng-guihua",
        D(2024, 5, 13),
        None,
        [("grant", D(2024, 5, 31), "建字第140725202400022号")],
    ),
    # Granted on the applicant's written commitment, checked afterwards.
    (
        "shigongtu",
        D(2024, 6, 3),
        ItemKind.COMMITMENT,
        [("grant", D(2024, 6, 4), "寿施审承〔2024〕3号")],
    ),
    # Accepted and never decided: overdue.
    ("shigong-xuke", D(2024, 6, 11), None, []),
    # Side by side with 施工许可; stopped for 补正.
    (
        "xiaofang-yanshou",
        D(2024, 6, 17),
        None,
        [("request", D(2024, 7, 2), "补充消防设施检测报告")],
    ),
]


def _with_code(project: Project, code: str, actor) -> Project:
    if project.code:
        return project
    # The project library takes the system actor once it stands on the access foundation;
    # until then its set-up path is acting_user=None.
    writer = actor if project_access.may_write(actor, project) else None
    return project_actions.update_project(project, {"code": code}, acting_user=writer)


def _walk(case: Case, plan, actor) -> None:
    for code, accepted_on, kind, steps in plan:
        item = case.items.get(catalogue_item__code=code)
        extra = {}
        if kind == ItemKind.TOLERANT:
            extra = {
                "missing_materials": "城建档案验收意见",
                "supply_by": accepted_on + datetime.timedelta(days=6),
            }
        item = actions.accept_item(item, acting_user=actor, on=accepted_on, kind=kind, **extra)
        for step, on, text in steps:
            if step == "grant":
                actions.decide_item(
                    item, acting_user=actor, granted=True, on=on, document_number=text
                )
            else:
                actions.request_correction(item, acting_user=actor, on=on, note=text)


def _open(county, key: str, opened_on: datetime.date, actor) -> Case | None:
    name, code = PROJECTS[key]
    project = Project.objects.filter(county=county, name=name).first()
    if project is None:
        return None
    project = _with_code(project, code, actor)
    return actions.open_case(
        acting_user=actor,
        county=county,
        project_code=project.code,
        project_type=ProjectType.SOCIAL,
        opened_on=opened_on,
        is_illustrative=True,
    )


def load(stdout=None) -> dict[str, int]:
    county = Division.objects.get(code=SHOUYANG)
    if Case.objects.filter(county=county).exists():
        return {"cases": 0}
    actor = system_actor()
    if not Stage.objects.filter(county=county).exists():
        actions.seed_catalogue(county, acting_user=actor, is_illustrative=True)
    acceptance = Stage.objects.get(county=county, order=4)
    actions.update_stage(acceptance, {"may_overlap": True}, acting_user=actor)

    luqiao = _open(county, "luqiao", D(2024, 3, 1), actor)
    if luqiao is not None:
        _walk(luqiao, LUQIAO, actor)
        joint = actions.convene_joint_acceptance(luqiao, acting_user=actor, on=D(2024, 5, 13))
        for signoff in joint.signoffs.all():
            actions.sign_off(
                signoff, acting_user=actor, passed=True, on=D(2024, 5, 17), opinion="验收合格"
            )
    qiangwei = _open(county, "qiangwei", D(2024, 4, 8), actor)
    if qiangwei is not None:
        _walk(qiangwei, QIANGWEI, actor)
    return {"cases": Case.objects.filter(county=county).count()}
