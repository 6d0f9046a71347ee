import datetime
import tempfile
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from rixin.urlmatrix import OTHER_COUNTY, READERS, WRITERS, Route

_MEDIA = None


def _media() -> None:
    # Photos written by the matrix go to a temporary folder, not the checkout's var/.
    global _MEDIA
    if _MEDIA is None:
        _MEDIA = override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="rixin-matrix-"))
        _MEDIA.enable()


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _objects(p):
    """A project of 寿阳 (responsible: 交通运输局) and one of 榆次, each with a plan,
    a submitted report with a photo, a problem and a milestone."""
    from rixin.accounts.access import system_actor
    from rixin.projects import actions

    _media()
    actor = system_actor()
    made = []
    for officer in (p.transport, p.other_officer):
        project = actions.create_project(
            acting_user=actor,
            county=officer.division,
            name="矩阵测试项目",
            category="infrastructure",
            department=officer.department,
            total_investment=Decimal("1000"),
            status="under_construction",
            at=datetime.datetime(2024, 1, 1, 9, tzinfo=datetime.UTC),  # in the library for 2024
        )
        actions.save_annual_plan(
            project, acting_user=actor, year=2024, planned_investment=Decimal("500")
        )
        report = actions.submit_monthly_report(
            project, acting_user=actor, year=2024, month=6, investment=Decimal("50")
        )
        photo = actions.add_photo(report, SimpleUploadedFile("site.png", _png()), acting_user=actor)
        problem = actions.raise_problem(
            project, acting_user=actor, description="用地手续待办", department=officer.department
        )
        milestone = actions.add_milestone(
            project,
            acting_user=actor,
            name="开工",
            type="construction_start",
            due_date=datetime.date(2024, 3, 1),
        )
        made.append((project, report, photo, problem, milestone))
    return made


def _pick(index, **extra):
    def objects(p):
        own, other = _objects(p)
        return {"pk": own[index].pk, **extra}, {"pk": other[index].pk, **extra}

    return objects


def _industry(p):
    from rixin.projects.tests.factories import industry

    return {"pk": industry("140725").pk}, {"pk": industry("140702").pk}


PROJECT, REPORT, PHOTO, PROBLEM, MILESTONE = (_pick(i) for i in range(5))
OWN_READERS = READERS - OTHER_COUNTY
OTHER_404 = {"other_officer": 404, "other_leader": 404}
# Writers of the 交通运输局's project: that officer, the 发改局 officer, the county administrator.
PROJECT_WRITERS = frozenset({"officer", "county_admin", "transport"})
ADMIN = frozenset({"county_admin"})

ROUTES = [
    Route("project_list", READERS),
    Route("project_export", READERS),
    Route("project_statistics", READERS),
    Route("project_reporting", READERS),
    Route("project_report_template", WRITERS),
    Route("project_create", WRITERS),
    Route("project_industries", ADMIN),
    Route("project_industry_edit", ADMIN, objects=_industry),
    Route("project_settings", ADMIN),
    Route("project_detail", OWN_READERS, objects=PROJECT, denied=OTHER_404),
    Route("project_edit", PROJECT_WRITERS, objects=PROJECT, denied={"other_officer": 404}),
    Route(
        "project_status",
        PROJECT_WRITERS,
        method="post",
        objects=PROJECT,
        data={"status": "completed"},
        denied={"other_officer": 404},
    ),
    Route(
        "project_plan",
        PROJECT_WRITERS,
        objects=_pick(0, year=2024),
        denied={"other_officer": 404},
    ),
    Route(
        "project_report_submit",
        PROJECT_WRITERS,
        objects=_pick(0, year=2024, month=6),
        denied={"other_officer": 404},
    ),
    Route("milestone_create", PROJECT_WRITERS, objects=PROJECT, denied={"other_officer": 404}),
    Route("milestone_edit", PROJECT_WRITERS, objects=MILESTONE, denied={"other_officer": 404}),
    Route(
        "project_report_review",
        frozenset({"officer"}),
        method="post",
        objects=REPORT,
        data={"decision": "approve"},
        denied={"other_officer": 404},
    ),
    Route(
        "project_photo_upload",
        PROJECT_WRITERS,
        method="post",
        objects=REPORT,
        denied={"other_officer": 404},
    ),
    Route("project_photo", OWN_READERS, objects=PHOTO, denied=OTHER_404),
    Route(
        "problem_resolve",
        PROJECT_WRITERS,
        method="post",
        objects=PROBLEM,
        data={"measures": "已协调自然资源局办理"},
        denied={"other_officer": 404},
    ),
    Route("api:list_projects", READERS),
    Route("api:oc4ids", READERS),
    Route("api:get_project", OWN_READERS, objects=PROJECT, denied=OTHER_404),
    Route(
        "api:create_project",
        PROJECT_WRITERS,
        method="post",
        data=lambda p: {
            "name": "",
            "category": "infrastructure",
            "department": p.transport.department_id,
            "total_investment": "1",
        },
        denied={"other_officer": 404},
    ),
    Route(
        "api:update_project",
        PROJECT_WRITERS,
        method="patch",
        objects=PROJECT,
        data={"version": 1},
        denied={"other_officer": 404},
    ),
    Route("api:list_plans", OWN_READERS, objects=PROJECT, denied=OTHER_404),
    Route(
        "api:save_plan",
        PROJECT_WRITERS,
        method="put",
        objects=_pick(0, year=2024),
        data={"planned_investment": "-1"},
        denied={"other_officer": 404},
    ),
    Route("api:list_reports", OWN_READERS, objects=PROJECT, denied=OTHER_404),
    Route(
        "api:submit_report",
        PROJECT_WRITERS,
        method="post",
        objects=PROJECT,
        data={"year": 2024, "month": 6, "investment": "-1"},
        denied={"other_officer": 404},
    ),
    Route("api:list_milestones", OWN_READERS, objects=PROJECT, denied=OTHER_404),
    Route(
        "api:create_milestone",
        PROJECT_WRITERS,
        method="post",
        objects=PROJECT,
        data={"name": "", "type": "other", "due_date": "2024-09-01"},
        denied={"other_officer": 404},
    ),
    Route(
        "api:update_milestone",
        PROJECT_WRITERS,
        method="patch",
        objects=MILESTONE,
        data={"version": 1},
        denied={"other_officer": 404},
    ),
]
