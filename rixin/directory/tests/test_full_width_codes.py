"""Full-width unified social credit codes are normalised (NFKC) before validating and
comparing, on the form, the import and the API: one enterprise per code."""

import unicodedata

import pytest

from rixin.demo.codes import illustrative_credit_code
from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise, normalize_credit_code
from rixin.testing import xlsx_bytes

pytestmark = pytest.mark.django_db
CODE = illustrative_credit_code("全角企业")


def _full_width(code: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) for c in code.lower())


def test_the_full_width_form_of_a_code_is_its_ascii_form():
    wide = _full_width(CODE)
    assert wide != CODE and unicodedata.normalize("NFKC", wide).upper() == CODE
    assert normalize_credit_code(f" {wide} ") == CODE


def test_a_full_width_code_on_the_form_is_stored_in_ascii(personas, client_for):
    response = client_for(personas.officer).post(
        "/enterprises/new/",
        {"name": "全角企业", "credit_code": _full_width(CODE), "industry": "C22"},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Enterprise.objects.get(name="全角企业").credit_code == CODE


def test_the_ascii_twin_of_a_full_width_code_is_the_same_enterprise(personas, client_for):
    client = client_for(personas.officer)
    first = client.post(
        "/api/v1/directory/enterprises",
        {"name": "全角企业", "credit_code": _full_width(CODE), "industry": "C22"},
        content_type="application/json",
    )
    assert first.status_code == 201, first.content
    again = client.post(
        "/api/v1/directory/enterprises",
        {"name": "另一家", "credit_code": CODE, "industry": "C22"},
        content_type="application/json",
    )
    assert again.status_code == 422 and "已登记" in again.json()["detail"]["credit_code"][0]
    assert Enterprise.objects.filter(credit_code=CODE).count() == 1


def test_the_import_matches_a_full_width_code_to_its_enterprise(personas):
    client_rows = [["140725", "全角企业", CODE, "C22", "否", None, "", "", ""]]
    importer = EnterpriseImporter(personas.officer)
    header = EnterpriseImporter.header()
    first = importer.parse(xlsx_bytes([header, *client_rows]))
    importer.apply(first.changes)
    wide = [["140725", "全角企业", _full_width(CODE), "C22", "否", None, "", "", ""]]
    again = EnterpriseImporter(personas.officer).parse(xlsx_bytes([header, *wide]))
    assert again.errors == [] and "create" not in again.counts
    assert Enterprise.objects.filter(name="全角企业").count() == 1
