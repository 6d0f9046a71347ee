"""The city matrix and the county board run a bounded number of queries, whatever the data."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rixin.accounts.access import system_actor
from rixin.demo import indicators as demo
from rixin.indicators import actions
from rixin.indicators.models import Indicator
from rixin.indicators.periods import Period
from rixin.regions.models import Division

pytestmark = pytest.mark.django_db

MATRIX_QUERIES = 16
BOARD_QUERIES = 18


def _small_data():
    gdp = Indicator.objects.get(code="gdp")
    for code in ("140725", "140702"):
        for period in (Period(2024, 3), Period(2024, 6)):
            actions.save_observation(
                acting_user=system_actor(),
                county=Division.objects.get(code=code),
                indicator=gdp,
                period=period,
                value=None,
                rate=Decimal(5),
            )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("url", "user", "limit"),
    [
        ("/indicators/matrix/?period=2024-06", "city_statistician", MATRIX_QUERIES),
        ("/indicators/county/140725/?period=2024-06", "leader", BOARD_QUERIES),
    ],
)
def test_page_queries_do_not_grow_with_data(personas, client_for, url, user, limit):
    client = client_for(getattr(personas, user))
    _small_data()
    client.get(url)  # the first request of a session reads the security policy once
    small = _count(client, url)
    demo.load()  # 11 counties × 6 indicators × 6 periods
    large = _count(client, url)
    assert small == large <= limit, (small, large)
