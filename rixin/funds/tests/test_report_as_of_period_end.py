"""A report's funds paragraph counts what was paid by the end of its period."""

import datetime
from decimal import Decimal

import pytest

from rixin.accounts.access import system_actor
from rixin.funds import actions, figures

from . import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_quarter_counts_only_the_disbursements_paid_by_its_end(personas):
    allocation = factories.allocation(personas.enterprise, amount=500)
    for day, amount, voucher in ((D(2024, 2, 1), 100, "V1"), (D(2024, 5, 1), 300, "V2")):
        actions.record_disbursement(
            acting_user=system_actor(),
            allocation=allocation,
            paid_on=day,
            amount=Decimal(amount),
            voucher=voucher,
        )
    first_quarter = figures.report_paragraph("140725", 2024, D(2024, 3, 31))
    whole_year = figures.report_paragraph("140725", 2024)
    assert "已拨付100万元,拨付率20%" in first_quarter
    assert "已拨付400万元,拨付率80%" in whole_year
    assert whole_year == figures.report_paragraph("140725", 2024, D(2024, 12, 31))
