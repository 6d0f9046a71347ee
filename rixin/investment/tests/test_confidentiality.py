import pytest

from rixin.audit.models import AuditEvent
from rixin.investment.models import Activity, Lead

from . import factories

pytestmark = pytest.mark.django_db


def test_officer_of_another_department_gets_404_for_a_lead(personas, client_for):
    lead = factories.lead()
    for persona in (personas.officer, personas.tongji, personas.gongshanglian):
        client = client_for(persona)
        assert client.get(f"/investment/leads/{lead.pk}/").status_code == 404
        assert client.get("/investment/board/").status_code == 404
        assert client.get(f"/api/v1/investment/leads/{lead.pk}").status_code == 404


def test_centre_leader_and_county_admin_see_the_lead(personas, client_for):
    lead = factories.lead(company_name="杭州示例新材料有限公司")
    for persona in (personas.zhaoshang, personas.leader, personas.county_admin):
        response = client_for(persona).get(f"/investment/leads/{lead.pk}/")
        assert response.status_code == 200 and "杭州示例新材料有限公司" in response.text


def test_city_viewer_sees_kpis_but_not_leads(personas, client_for):
    factories.lead()
    client = client_for(personas.city_viewer)
    assert client.get("/investment/board/").status_code == 403
    assert client.get("/api/v1/investment/leads").status_code == 403
    assert client.get("/investment/?county=140725").status_code == 200
    assert client.get("/api/v1/investment/kpis?county=140725").json()["county"] == "140725"


def test_querysets_hide_leads_and_activities_from_other_departments(personas):
    lead = factories.lead()
    assert Lead.objects.visible_to(personas.zhaoshang).get() == lead
    assert not Lead.objects.visible_to(personas.officer).exists()
    assert not Lead.objects.visible_to(personas.city_viewer).exists()
    assert not Activity.objects.visible_to(personas.officer).exists()


def test_leader_of_another_county_gets_404_for_our_lead(personas, client_for):
    lead = factories.lead()
    assert client_for(personas.other_leader).get(f"/investment/leads/{lead.pk}/").status_code == 404


def test_lead_export_is_audited(personas, client_for):
    factories.lead()
    response = client_for(personas.leader).get("/investment/leads/export.xlsx")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="export", object_type="investment.lead")
    assert event.username == "sy_leader" and event.message == "rows=1"


def test_agreement_page_does_not_link_the_lead_for_other_departments(personas, client_for):
    lead = factories.lead_in_negotiation()
    agreement = factories.agreement(lead=lead)
    url = f"/investment/agreements/{agreement.pk}/"
    assert f"/investment/leads/{lead.pk}/" not in client_for(personas.officer).get(url).text
    assert f"/investment/leads/{lead.pk}/" in client_for(personas.zhaoshang).get(url).text
