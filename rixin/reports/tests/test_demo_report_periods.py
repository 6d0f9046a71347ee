"""The demo's report page offers 2024, where its figures are, and only periods that are over
(the month under way as a 快报)."""

import datetime

import pytest

from rixin.reports.downloads import available_periods
from rixin.testing import SHOUYANG

pytestmark = pytest.mark.django_db


def test_the_demo_offers_2024_where_its_figures_are(demo_user):
    keys = {p.key for p in available_periods(SHOUYANG)}
    assert {"2024H1", "2024-06", "2023H2"} <= keys
    assert all(
        p.end < datetime.date.today() or p.kind == "month" for p in available_periods(SHOUYANG)
    )
