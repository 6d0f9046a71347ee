"""The lead export, imported again, changes nothing."""

from decimal import Decimal

import pytest
from django.urls import reverse

from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead
from rixin.investment.tests import factories
from rixin.spreadsheets.imports import preview
from rixin.testing import upload

pytestmark = pytest.mark.django_db


def test_the_exported_leads_import_as_unchanged(personas, client_for):
    factories.lead(credit_code="91140100MA0K12345Y", land_mu=Decimal("50.5"))
    factories.lead(company_name="杭州示例材料有限公司", project_name="新材料项目")
    exported = client_for(personas.zhaoshang).get(reverse("investment:lead_export"))
    assert exported.status_code == 200
    content = b"".join(exported.streaming_content) if exported.streaming else exported.content
    batch = preview(LeadImporter(personas.zhaoshang), upload("leads.xlsx", content))
    assert batch.errors == []
    assert batch.summary["counts"] == {"unchanged": 2}
    assert Lead.objects.count() == 2
