import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rixin.accounts.access import system_actor
from rixin.audit.models import AuditEvent
from rixin.funds import actions, figures
from rixin.funds.models import Allocation, Disbursement
from rixin.spreadsheets import imports
from rixin.testing import xlsx_bytes

from . import factories

pytestmark = pytest.mark.django_db


def test_a_disbursement_beyond_the_allocation_is_refused_and_nothing_is_written(personas):
    allocation = factories.allocation(personas.enterprise, amount=500)
    actions.record_disbursement(
        acting_user=system_actor(),
        allocation=allocation,
        paid_on=datetime.date(2024, 5, 1),
        amount=Decimal(400),
        voucher="V1",
    )
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.record_disbursement(
            acting_user=system_actor(),
            allocation=allocation,
            paid_on=datetime.date(2024, 5, 2),
            amount=Decimal(101),
            voucher="V2",
        )
    assert "拨付金额超过资金安排" in str(refused.value) and "尚可拨付100万元" in str(refused.value)
    assert Disbursement.objects.count() == 1 and AuditEvent.objects.count() == before


def test_an_allocation_to_an_enterprise_of_another_county_is_refused(personas):
    programme = factories.programme()
    with pytest.raises(ValidationError) as refused:
        actions.create_allocation(
            acting_user=system_actor(),
            programme=programme,
            enterprise=personas.other_enterprise,
            amount=Decimal(10),
            document_number="寿财〔2024〕5号",
        )
    assert "不是寿阳县的企业" in str(refused.value)
    assert not Allocation.objects.exists()


def test_allocations_never_exceed_the_programme(personas):
    programme = factories.programme(amount=1000)
    factories.allocation(personas.enterprise, amount=800, prog=programme)
    with pytest.raises(ValidationError, match="安排金额超出资金总额"):
        factories.allocation(
            personas.enterprise, amount=201, number="寿财〔2024〕2号", prog=programme
        )
    assert Allocation.objects.count() == 1


def test_only_finance_officers_and_the_county_admin_enter_funds(personas):
    programme = factories.programme()
    with pytest.raises(PermissionDenied):
        actions.create_allocation(
            acting_user=personas.officer,
            programme=programme,
            enterprise=personas.enterprise,
            amount=Decimal(1),
            document_number="x",
        )
    allocation = actions.create_allocation(
        acting_user=factories.finance_officer(),
        programme=programme,
        enterprise=personas.enterprise,
        amount=Decimal(1),
        document_number="x",
    )
    assert allocation.pk


def test_an_enterprise_sees_only_its_own_allocations(personas, client_for):
    own = factories.allocation(personas.enterprise)
    other = factories.allocation(personas.other_enterprise, number="榆财〔2024〕1号")
    visible = Allocation.objects.visible_to(personas.enterprise_user)
    assert list(visible) == [own] and other not in visible
    response = client_for(personas.enterprise_user).get(f"/funds/{other.programme_id}/")
    assert response.status_code == 404


def test_figures_and_the_report_paragraph_in_the_articles_form(personas):
    programme = factories.programme(amount=4844)
    allocation = factories.allocation(personas.enterprise, amount=4844, prog=programme)
    actions.record_disbursement(
        acting_user=system_actor(),
        allocation=allocation,
        paid_on=datetime.date(2024, 5, 1),
        amount=Decimal(1211),
        voucher="V1",
    )
    row = figures.programmes_with_figures().get(pk=programme.pk)
    f = figures.of(row)
    assert (f.allocated, f.disbursed, f.balance, f.rate) == (4844, 1211, 3633, Decimal("25.00"))
    text = figures.report_paragraph("140725", 2024)
    assert text.startswith("县财政局统筹各类财政资金,2024年安排固体废物回收资金4844万元")
    with translation.override("en"):
        english = figures.report_paragraph("140725", 2024)
    assert english.startswith("The county Finance Bureau") and not set(english) & set("、。")
    assert figures.cockpit_card("140725", 2024)["rate"] == Decimal("25.00")
    assert figures.short_name("山西强伟纸业有限公司") == "强伟纸业"


def test_import_of_disbursements_refuses_the_whole_file_beyond_an_allocation(personas):
    allocation = factories.allocation(personas.enterprise, amount=500)
    importer = imports.importer_class("funds-disbursements")(personas.county_admin)
    content = xlsx_bytes(
        [
            ["文号", "拨付日期", "拨付金额(万元)", "凭证号"],
            [allocation.document_number, "2024-05-01", 300, "V1"],
            [allocation.document_number, "2024-05-02", 300, "V2"],
        ]
    )
    result = importer.parse(content)
    assert [e.row for e in result.errors] == [3]
    assert "拨付金额超过资金安排" in result.errors[0].message
    assert not Disbursement.objects.exists()


def test_import_of_allocations_creates_rows_through_the_actions(personas):
    programme = factories.programme(amount=1000)
    importer = imports.importer_class("funds-allocations")(personas.county_admin)
    header = [c.header for c in importer.columns]
    content = xlsx_bytes(
        [
            header,
            [
                programme.name,
                2024,
                personas.enterprise.credit_code,
                "",
                600,
                "寿财〔2024〕8号",
                "",
                "",
            ],
        ]
    )
    result = importer.parse(content)
    assert not result.errors
    importer.apply(result.changes)
    assert Allocation.objects.get().amount == 600
    bad = xlsx_bytes(
        [
            header,
            [
                programme.name,
                2024,
                personas.other_enterprise.credit_code,
                "",
                1,
                "寿财〔2024〕9号",
                "",
                "",
            ],
        ]
    )
    assert "不能安排本县资金" in importer.parse(bad).errors[0].message


def test_the_fund_panel_of_a_project_page(personas):
    from rixin.funds.views import project_panel_context
    from rixin.projects.tests.factories import project

    built = project(personas.officer)
    programme = factories.programme()
    actions.create_allocation(
        acting_user=system_actor(),
        programme=programme,
        project=built,
        amount=Decimal(300),
        document_number="寿财〔2024〕3号",
    )
    context = project_panel_context(built, personas.leader)
    assert len(context["fund_rows"]) == 1 and context["fund_total"].allocated == 300
    assert project_panel_context(built, personas.enterprise_user)["fund_rows"] == []
