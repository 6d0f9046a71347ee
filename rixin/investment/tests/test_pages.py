import datetime
import re
from decimal import Decimal

import pytest

from rixin.accounts.access import system_actor
from rixin.investment import actions
from rixin.investment.choices import Stage
from rixin.investment.models import Lead
from rixin.testing import SHOUYANG, division

from . import factories

pytestmark = pytest.mark.django_db


def test_a_lead_goes_from_first_contact_to_a_started_project_in_the_browser(personas, client_for):
    client = client_for(personas.zhaoshang)
    response = client.post(
        "/investment/leads/new/",
        {
            "source": "field_trip",
            "company_name": "苏州示例储能有限公司",
            "origin_city": "苏州",
            "industry": "新能源",
            "intended_investment": "80000",
        },
    )
    lead = Lead.objects.get()
    assert response.status_code == 302
    move = f"/investment/leads/{lead.pk}/move/"
    client.post(move, {"stage": "review"})
    client.post(f"/investment/leads/{lead.pk}/review/", {"opinion": "pursue"})
    client.post(move, {"stage": "negotiation"})
    response = client.post(
        f"/investment/agreements/new/?lead={lead.pk}",
        {
            "lead": lead.pk,
            "companies": "苏州示例储能有限公司",
            "project_name": "储能电站项目",
            "kind": "investment",
            "amount": "80000",
            "signed_on": "2024-05-01",
        },
    )
    assert response.status_code == 302, response.text[-3000:]
    agreement = lead.agreements.get()
    client.post(f"/investment/agreements/{agreement.pk}/handoff/")
    from rixin.projects.actions import change_status

    change_status(
        agreement.__class__.objects.get().project,
        "new_start",
        acting_user=factories.centre_officer(),
    )
    client.post(move, {"stage": "started"})
    lead.refresh_from_db()
    assert lead.stage == Stage.STARTED
    assert list(lead.stage_changes.values_list("new", flat=True)) == [
        "clue",
        "review",
        "negotiation",
        "signed",
        "started",
    ]


def test_board_move_by_htmx_shows_the_refusal(personas, client_for):
    lead = factories.lead()
    actions.move_lead(lead, Stage.REVIEW, acting_user=system_actor())
    response = client_for(personas.zhaoshang).post(
        f"/investment/leads/{lead.pk}/move/", {"stage": "negotiation"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "研判意见" in response.text and "<html" not in response.text
    assert Lead.objects.get(pk=lead.pk).stage == Stage.REVIEW


def test_agreement_form_reports_a_missing_company(personas, client_for):
    response = client_for(personas.zhaoshang).post(
        "/investment/agreements/new/",
        {
            "companies": "",
            "project_name": "X",
            "kind": "framework",
            "amount": "10",
            "signed_on": "2024-05-01",
        },
    )
    assert response.status_code == 200 and "至少要有一家签约企业" in response.text


def _fill(size: int) -> None:
    team = actions.create_team(
        acting_user=system_actor(), county=division(SHOUYANG), name=f"专班{size}"
    )
    for number in range(size):
        lead = factories.lead(company_name=f"企业{size}-{number}", team=team)
        if number % 2:
            actions.move_lead(lead, Stage.REVIEW, acting_user=system_actor())
        factories.agreement(amount=Decimal(100 + number), team=team, origin_city=f"城{number}")


@pytest.mark.parametrize("url", ["/investment/board/", "/investment/", "/investment/teams/"])
def test_board_and_kpi_queries_do_not_grow_with_data(
    personas, client_for, django_assert_max_num_queries, url
):
    client = client_for(personas.zhaoshang)
    _fill(3)
    client.get(url)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _fill(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_kpi_page_shows_the_computed_figures(personas, client_for):
    actions.set_target(
        acting_user=system_actor(),
        county=division(SHOUYANG),
        year=2024,
        period="h1",
        signing_amount=Decimal("720000"),
        start_rate=Decimal("40"),
    )
    started = factories.agreement(amount="383200", signed_on=datetime.date(2024, 4, 1))
    factories.agreement(amount="383200", signed_on=datetime.date(2024, 5, 1))
    factories.handed_over(started, started=True)
    response = client_for(personas.city_viewer).get(
        "/investment/?county=140725&year=2024&period=h1"
    )
    figures = dict(re.findall(r'data-testid="([a-z-]+)">([^<]+)<', response.text))
    assert figures["signed"].strip() == "76.64"
    assert (figures["signing-rate"], figures["start-rate"], figures["start-completion"]) == (
        "106.44%",
        "50%",
        "125%",
    )
