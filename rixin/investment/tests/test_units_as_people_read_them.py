"""One unit per card, 亿元 where people read totals, thousands separators, published decimals,
and billions in English."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import translation

from rixin import money
from rixin.investment.tests import factories
from rixin.templatetags.rixin import amount, in_unit, num, published_pct, yi


def test_thousands_separators_and_one_unit():
    assert num(D("766400")) == "766,400"
    assert yi(D("7350000")) == "735"
    assert yi(D("12345670000")) == "1,234,567"
    assert money.amount(D("500000")) == "50 亿元"
    assert money.plain(D("766400")) == "766400"  # sentences and files keep plain numbers


def test_english_reads_billions_never_hundred_millions():
    assert money.amount(D("500000"), english=True) == "5 billion yuan"
    with translation.override("en"):
        assert amount(D("766400")) == "7.664 billion yuan"
        assert in_unit(D("98.03"), "亿元") == "9.803 billion yuan"
    with translation.override("zh-hans"):
        assert in_unit(D("98.03"), "亿元") == "98.03 亿元"


def test_published_rates_keep_their_decimals():
    assert published_pct(D("9.00"), 1) == "9.0%"
    assert published_pct(D("6.25"), 2) == "6.25%"
    assert money.published_places(D("9.0")) == 1
    assert money.published_places(D("9")) == 1
    assert money.published_places(D("6.25")) == 2


@pytest.mark.django_db
def test_the_agreement_card_states_every_amount_in_yi(personas, client_for):
    item = factories.agreement(amount="500000")
    page = client_for(personas.leader).get(
        reverse("investment:agreement_detail", kwargs={"pk": item.pk})
    )
    text = page.content.decode()
    assert "50 亿元" in text
    assert "万元" not in text and "500000" not in text


@pytest.mark.django_db
def test_the_english_agreement_card_says_billion_yuan(personas, client_for):
    item = factories.agreement(amount="500000")
    client = client_for(personas.leader)
    client.post("/accounts/language/", {"language": "en", "next": "/"})
    text = client.get(reverse("investment:agreement_detail", kwargs={"pk": item.pk})).text
    assert "5 billion yuan" in text and "100 million yuan" not in text
