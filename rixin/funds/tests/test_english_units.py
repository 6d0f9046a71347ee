"""The funds' English texts give amounts in English units, never 万元 or 亿元."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rixin.accounts.access import system_actor
from rixin.funds import actions

from . import factories

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"
CHINESE_UNIT = re.compile("[万亿元吨]")


def _translations() -> list[tuple[str, str]]:
    pairs = []
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if msgid and msgstr:
            join = lambda text: "".join(re.findall(r'"(.*)"', text))  # noqa: E731
            pairs.append((join(msgid.group(1)), join(msgstr.group(1))))
    return [(i, s) for i, s in pairs if i]


def test_no_english_translation_of_the_funds_keeps_a_chinese_unit():
    pairs = _translations()
    assert len(pairs) > 50
    assert [(i, s) for i, s in pairs if CHINESE_UNIT.search(s)] == []


@pytest.mark.django_db
def test_a_refused_disbursement_in_english_speaks_of_ten_thousand_yuan(personas):
    allocation = factories.allocation(personas.enterprise, amount=500)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        actions.record_disbursement(
            acting_user=system_actor(),
            allocation=allocation,
            paid_on=datetime.date(2024, 5, 2),
            amount=Decimal(501),
            voucher="V2",
        )
    text = " ".join(refused.value.messages)
    assert "× 10,000 yuan" in text and not CHINESE_UNIT.search(text)
    disbursement = actions.record_disbursement(
        acting_user=system_actor(),
        allocation=allocation,
        paid_on=datetime.date(2024, 5, 2),
        amount=Decimal(100),
        voucher="V3",
    )
    with translation.override("en"):
        assert str(disbursement).startswith("V3 100") and str(disbursement).endswith(
            "× 10,000 yuan"
        )
