"""The demo: two cases whose 施工许可 and 竣工验收 tracks overlap, one item under 补正, one
granted on commitment, one overdue; the board, queue, case page and cockpit card show them."""

import datetime

import pytest

from rixin.approvals import figures
from rixin.approvals.choices import CaseStatus, ItemKind, ItemStatus
from rixin.approvals.models import Case, CaseItem

D = datetime.date


@pytest.fixture
def cases(demo):
    """Shouyang's demo cases by the first four characters of their project's name."""
    shouyang = Case.objects.filter(county_id="140725").select_related("project")
    return {c.project.name[:4]: c for c in shouyang}


@pytest.mark.django_db
def test_demo_cases_run_construction_and_acceptance_side_by_side(cases):
    assert set(cases) == {"山西路桥", "强伟30"}
    for case in cases.values():
        construction, acceptance = case.stages.filter(stage__order__in=(3, 4)).order_by(
            "stage__order"
        )
        assert acceptance.started_early
        assert acceptance.started_on < (construction.finished_on or D.today())
        assert case.is_illustrative
    assert cases["山西路桥"].status == CaseStatus.COMPLETED
    assert cases["山西路桥"].joint_acceptance.status == "passed"

    _one_paused_one_commitment_one_overdue()
    _cockpit_card_and_report_paragraph()
    _oc4ids_milestones(cases)


def _one_paused_one_commitment_one_overdue():
    today = D(2024, 7, 24)
    items = list(figures.items_with_clocks(CaseItem.objects.filter(case__county_id="140725")))
    assert [i.name for i in items if i.status == ItemStatus.PAUSED] == ["消防验收"]
    granted_on_commitment = [
        i for i in items if i.kind == ItemKind.COMMITMENT and i.status == ItemStatus.GRANTED
    ]
    assert [i.name for i in granted_on_commitment] == ["施工图审查"]
    assert [i.name for i in figures.overdue_items(items, today)] == ["施工许可证"]


def _cockpit_card_and_report_paragraph():
    card = figures.cockpit_card("140725", D(2024, 6, 30))
    assert card["cases_in_progress"] == 1
    assert card["items_overdue"] == 1
    assert card["mean_working_days"] > 0
    assert card["url"] == "/approvals/"
    text = figures.report_paragraph("140725", D(2024, 1, 1), D(2024, 6, 30))
    assert text.startswith("开启并联协同工作模式,受理工程建设项目审批事项")
    assert "“并肩跑”" in text and "告知承诺制" in text


def _oc4ids_milestones(cases):
    milestones = figures.oc4ids_milestones(cases["山西路桥"].project)
    assert len(milestones) == 10
    assert {m["type"] for m in milestones} == {"approval"}
    assert all(m["status"] == "met" and m["dateMet"] for m in milestones)


@pytest.mark.django_db
def test_demo_pages_render_for_the_desk_the_department_and_the_applicant(cases, client_for):
    from rixin.accounts.roles import Role
    from rixin.directory.models import Department, Enterprise
    from rixin.testing import make_user

    admin = make_user("t_admin", Role.COUNTY_ADMIN, "140725")
    housing = Department.objects.get(county_id="140725", kind="zhujian")
    officer = make_user("t_zhujian", Role.OFFICER, "140725", department=housing)
    owner = Enterprise.objects.get(name="山西强伟纸业有限公司")
    applicant = make_user("t_qiangwei", Role.ENTERPRISE, "140725", enterprise=owner)
    client = client_for(admin)
    luqiao = cases["山西路桥"]
    for url in ("/approvals/", f"/approvals/cases/{luqiao.pk}/", "/approvals/catalogue/"):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/approvals/cases/{cases['强伟30'].pk}/").content.decode()
    assert "并肩跑" in page and "已超时" in page and "补正中" in page
    queue = client_for(officer).get("/approvals/queue/").content.decode()
    assert queue.index("施工许可证") < queue.index("消防验收")  # nearest deadline first
    mine = client_for(applicant).get("/approvals/mine/").content.decode()
    assert "强伟30万吨" in mine and "山西路桥" not in mine
