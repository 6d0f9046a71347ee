"""The working day in a browser, at 390 px and at 1440 px: the appeal loop (the desk
dispatches, the department signs and answers, the enterprise marks) and the monthly-report
loop (the department reports, the 发改局 approves from its list), each role starting from
its to-do list. Screenshots go to var/screenshots/."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from rixin.appeals.choices import Status
from rixin.appeals.models import Appeal
from rixin.appeals.tests.factories import registered
from rixin.projects.choices import ProjectStatus, ReportStatus
from rixin.projects.models import MonthlyReport
from rixin.projects.tests.factories import project
from rixin.testing import PASSWORD
from rixin.tests.browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = ((390, 844), (1440, 900))


def shot(page, name: str) -> Path:
    folder = Path(settings.VAR_DIR) / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def start_at_todo(browser, live_server, user, size, name: str):
    """Log in; the landing page is the to-do list, with nothing off-screen."""
    page = login(browser, live_server, user.username, PASSWORD, size)
    assert page.url.endswith("/todo/"), page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    shot(page, name)
    return page


def open_item(page, href: str) -> None:
    page.click(f'[data-testid=todo-item][href="{href}"]')
    page.wait_for_load_state("networkidle")


def post(page, step: str) -> None:
    page.click(f'form[action$="/{step}/"] button')
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}px")
def test_the_appeal_loop_from_each_to_do_list(browser, live_server, personas, size):
    width = size[0]
    appeal = registered(personas, title="用电增容审批慢")
    href = f"/appeals/{appeal.pk}/"

    desk = start_at_todo(
        browser, live_server, personas.gongshanglian, size, f"appeal-{width}-1-desk"
    )
    open_item(desk, href)
    desk.select_option("#lead", str(personas.transport.department_id))
    post(desk, "dispatch")
    shot(desk, f"appeal-{width}-2-dispatched")
    desk.context.close()
    assert Appeal.objects.get(pk=appeal.pk).status == Status.DISPATCHED

    department = start_at_todo(
        browser, live_server, personas.transport, size, f"appeal-{width}-3-department"
    )
    open_item(department, href)
    post(department, "acknowledge")
    department.fill("[name=solution]", "已协调供电公司现场勘察,本月底前完成增容。")
    department.fill("[name=post]", "交通运输局综合股")
    post(department, "answer")
    shot(department, f"appeal-{width}-4-answered")
    department.context.close()
    assert Appeal.objects.get(pk=appeal.pk).status == Status.ANSWERED

    enterprise = start_at_todo(
        browser, live_server, personas.enterprise_user, size, f"appeal-{width}-5-enterprise"
    )
    open_item(enterprise, href)
    enterprise.check("[name=satisfaction][value=satisfied]")
    enterprise.check("[name=resolution][value=resolved]")
    post(enterprise, "mark")
    shot(enterprise, f"appeal-{width}-6-marked")
    enterprise.context.close()
    assert Appeal.objects.get(pk=appeal.pk).status == Status.CLOSED


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}px")
def test_the_monthly_report_loop_from_each_to_do_list(browser, live_server, personas, size):
    width = size[0]
    road = project(
        personas.transport, name="寿阳县滨阳路改造工程", status=ProjectStatus.UNDER_CONSTRUCTION
    )

    department = start_at_todo(
        browser, live_server, personas.transport, size, f"report-{width}-1-department"
    )
    department.click('[data-testid=todo-item][href*="/reports/"]')
    department.wait_for_load_state("networkidle")
    department.fill("[name=investment]", "120")
    department.fill("[name=progress_text]", "路基施工完成八成")
    department.click("main form button[type=submit]")
    department.wait_for_load_state("networkidle")
    shot(department, f"report-{width}-2-submitted")
    department.context.close()
    report = MonthlyReport.objects.get(project=road)
    assert report.status == ReportStatus.SUBMITTED and report.investment == Decimal("120")

    reviewer = start_at_todo(
        browser, live_server, personas.officer, size, f"report-{width}-3-review"
    )
    reviewer.check(f'[data-testid=review-check][value="{report.pk}"]')
    reviewer.click("[data-testid=bulk-approve]")
    reviewer.wait_for_load_state("networkidle")
    assert "已通过1份,退回0份" in reviewer.content()
    shot(reviewer, f"report-{width}-4-approved")
    reviewer.context.close()
    assert MonthlyReport.objects.get(pk=report.pk).status == ReportStatus.APPROVED
