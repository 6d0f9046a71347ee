"""One case followed in the browser from 受理 to 联合验收: the department accepts and decides
each item on the case page, the desk convenes the joint acceptance, the department signs."""

import datetime

import pytest

from rixin.accounts.access import system_actor
from rixin.approvals import actions
from rixin.approvals.models import Case, CatalogueItem
from rixin.testing import PASSWORD
from rixin.tests.browser import login, screenshot

from .factories import case, catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_one_case_from_acceptance_to_joint_acceptance(browser, live_server, personas):
    catalogue()
    for entry in CatalogueItem.objects.filter(county_id="140725"):
        actions.update_catalogue_item(
            entry, {"department": personas.officer.department}, acting_user=system_actor()
        )
    own = case(personas, opened_on=datetime.date(2024, 3, 1))
    url = f"{live_server.url}/approvals/cases/{own.pk}/"

    page = login(browser, live_server, personas.officer.username, PASSWORD)
    for entry in own.items.order_by("case_stage__stage__order", "pk"):
        page.goto(url)
        row = page.locator(f"#item-{entry.pk}")
        row.get_by_role("button", name="受理").click()
        page.wait_for_load_state("networkidle")
        row = page.locator(f"#item-{entry.pk}")
        row.locator("input[name=document_number]").fill(f"寿审〔2024〕{entry.pk}号")
        row.get_by_role("button", name="办结(准予)").click()
        page.wait_for_load_state("networkidle")
        assert "准予许可" in page.locator(f"#item-{entry.pk} .item-status").inner_text()
    page.context.close()

    desk = login(browser, live_server, personas.yingshang.username, PASSWORD)
    desk.goto(url)
    desk.get_by_role("button", name="发起联合验收").click()
    desk.wait_for_load_state("networkidle")
    desk.context.close()

    page = login(browser, live_server, personas.officer.username, PASSWORD)
    page.goto(url)
    page.locator("#joint-acceptance input[name=opinion]").fill("验收合格")
    page.locator("#joint-acceptance").get_by_role("button", name="签署").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-status").inner_text() == "已办结"
    assert page.locator("#approval-timeline canvas").count() == 1
    screenshot(page, "approvals-case-completed")
    page.context.close()
    assert Case.objects.get(pk=own.pk).status == "completed"
