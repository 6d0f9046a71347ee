import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rixin.accounts.access import system_actor
from rixin.innovation import actions, evaluation, figures
from rixin.innovation.models import HighTechCertificate, Patent, TransferCase
from rixin.innovation.validators import validate_patent_number
from rixin.spreadsheets import imports
from rixin.testing import xlsx_bytes

from . import factories

pytestmark = pytest.mark.django_db

HEADER = ["高校", "专利名称", "专利号", "IPC分类号", "摘要", "专利权人", "许可/转让条件"]


@pytest.mark.parametrize("number", ["CN112345671A", "ZL202110123456.7", "200310102344.5"])
def test_well_formed_patent_numbers_are_accepted(number):
    assert validate_patent_number(number)


@pytest.mark.parametrize("number", ["CN12345A", "ZL202110123456.8", "专利123"])
def test_a_patent_number_in_the_wrong_format_is_refused(number, personas):
    with pytest.raises(ValidationError, match="专利号"):
        factories.patent(number=number)
    assert not Patent.objects.exists()


def test_a_duplicate_patent_in_one_import_refuses_the_file(personas):
    factories.university()
    row = ["太原理工大学", "护面纸", "CN112345671A", "D21H 27/10", "", "太原理工大学", ""]
    importer = imports.importer_class("innovation-patents")(personas.county_admin)
    result = importer.parse(xlsx_bytes([HEADER, row, row]))
    assert [e.row for e in result.errors] == [3] and "重复" in result.errors[0].message
    wrong = importer.parse(xlsx_bytes([HEADER, [*row[:2], "CN1", *row[3:]]]))
    assert "格式不正确" in wrong.errors[0].message
    assert not Patent.objects.exists()


def test_a_certificate_date_in_the_future_is_refused(personas):
    with pytest.raises(ValidationError, match="不能是将来的日期"):
        actions.record_certificate(
            acting_user=system_actor(),
            enterprise=personas.enterprise,
            number="GR1",
            certified_on=datetime.date.today() + datetime.timedelta(days=1),
        )
    assert not HighTechCertificate.objects.exists()


def test_recertification_falls_due_three_years_after_the_certificate(personas):
    certificate = actions.record_certificate(
        acting_user=system_actor(),
        enterprise=personas.enterprise,
        number="GR1",
        certified_on=datetime.date(2021, 11, 1),
        invention_patents=2,
        utility_patents=3,
        revenue_three_years=Decimal(1000),
    )
    assert certificate.expires_on == datetime.date(2024, 11, 1)
    due = figures.recertification_due(HighTechCertificate.objects.all(), datetime.date(2024, 9, 1))
    assert due == [certificate]
    assert figures.high_tech("140725", datetime.date(2024, 7, 24)).patents == 5


def test_interest_opens_a_case_that_follows_the_path_or_ends_with_a_reason(personas):
    push = factories.push(personas.enterprise)
    assert push.explanation["class"]["industry"] == "C22"
    actions.answer_push(
        push, acting_user=personas.enterprise_user, answer="wants_meeting", note="请安排对接"
    )
    case = TransferCase.objects.get()
    with pytest.raises(ValidationError):
        actions.move_case(case, "implemented", acting_user=personas.county_admin)
    with pytest.raises(ValidationError, match="原因"):
        actions.move_case(case, "ended", acting_user=personas.county_admin)
    actions.move_case(case, "negotiation", acting_user=personas.county_admin)
    assert list(case.changes.values_list("new_stage", flat=True)) == ["contact", "negotiation"]
    assert figures.county_transfer("140725").answer_rate == 100


def test_the_matcher_beats_the_class_only_baseline_on_the_labelled_set():
    result = evaluation.evaluate()
    assert result.pairs >= 40
    assert result.matcher > result.baseline
    assert result.matcher <= result.ceiling
