"""The county cockpit's module cards (declared by the apps, rixin.discovery.cockpit_cards) show
what each module's own figures give for the county and period, on the whole demo (Shouyang,
2024年上半年)."""

import html
import re

import pytest
from django.urls import reverse

from rixin import money
from rixin.approvals import figures as approvals
from rixin.cockpit.periods import CockpitPeriod
from rixin.funds import figures as funds
from rixin.innovation import figures as innovation
from rixin.parks import figures as parks
from rixin.testing import SHOUYANG

pytestmark = pytest.mark.django_db

H1 = CockpitPeriod.parse("2024H1")


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    """Every app's demo step (the new modules' too), loaded once and removed afterwards."""
    from django.db import transaction

    from rixin.discovery import demo_steps

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        for _name, module in demo_steps():
            module.load()
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def cards(full_demo, client_for):
    """{testid: the card's text} on Shouyang's cockpit for 2024H1, as its leader sees it."""
    from rixin.accounts.models import User

    client = client_for(User.objects.get(username="sy_leader"))
    response = client.get(reverse("cockpit") + f"?period={H1.key}")
    assert response.status_code == 200
    found = {}
    for card in response.context["module_cards"]:
        testid = re.search(r'data-testid="(card-[a-z]+)"', card).group(1)
        found[testid] = html.unescape(re.sub(r"<[^>]+>", " ", card))
    return found


def figure(text: str) -> str:
    """The card's text with its white space collapsed."""
    return re.sub(r"\s+", " ", text).strip()


def test_the_four_module_cards_follow_the_existing_cards(cards):
    assert set(cards) == {"card-approvals", "card-funds", "card-parks", "card-innovation"}


def test_the_approvals_card_equals_the_approvals_figures(cards):
    expected = approvals.cockpit_card(SHOUYANG, H1.end)
    text = figure(cards["card-approvals"])
    assert f"{money.plain(expected['cases_in_progress'], 0, grouped=True)} 件在办" in text
    assert f"逾期事项 {money.plain(expected['items_overdue'], 0, grouped=True)}" in text


def test_the_funds_card_equals_the_funds_figures_in_yi(cards):
    expected = funds.cockpit_card(SHOUYANG, H1.year)
    text = figure(cards["card-funds"])
    assert f"{money.yi(expected['allocated'], 2, grouped=True)} 亿元已安排" in text
    assert f"已拨付 {money.yi(expected['disbursed'], 2, grouped=True)} 亿元" in text
    assert ("示例" in text) == expected["is_illustrative"]


def test_the_parks_card_equals_the_parks_figures(cards):
    expected = parks.cockpit_card(SHOUYANG, H1.as_of())
    text = figure(cards["card-parks"])
    assert f"{expected['parks']} 个园区" in text
    assert f"{money.yi(expected['completed_this_year'], 2, grouped=True)} 亿元" in text
    assert ("示例" in text) == expected["is_illustrative"]


def test_the_innovation_card_equals_the_innovation_figures(cards):
    expected = innovation.cockpit_card(SHOUYANG, H1.year)
    text = figure(cards["card-innovation"])
    assert f"{expected['high_tech_enterprises']} 家高新技术企业" in text
    assert f"{money.yi(expected['high_tech_revenue'], 2, grouped=True)} 亿元" in text


def test_the_demo_cards_are_marked_illustrative(cards):
    """The new modules' demo data are invented: each card says so."""
    assert all("示例" in text for text in cards.values())
