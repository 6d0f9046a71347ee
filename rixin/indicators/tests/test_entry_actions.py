"""The entry grid and the targets page save through actions, which check who writes and
refuse a write without an actor; defaults come from the data or today, never a fixed year."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rixin.accounts.access import MissingActor, system_actor
from rixin.audit.models import AuditEvent
from rixin.indicators import actions
from rixin.indicators.models import Indicator, Observation, Target
from rixin.indicators.periods import Period
from rixin.testing import SHOUYANG, YUCI, division

pytestmark = pytest.mark.django_db


def gdp():
    return Indicator.objects.get(code="gdp")


def test_save_grid_writes_every_cell_with_its_audit_record(personas):
    key = actions.cell_key(SHOUYANG, gdp())
    saved = actions.save_grid(
        acting_user=personas.tongji,
        counties=[division(SHOUYANG)],
        indicators=[gdp()],
        period=Period(2024, 6),
        entered={key: ("98.03", "6.2")},
    )
    assert saved == 1
    observation = Observation.objects.get()
    assert observation.value == D("980300")
    assert AuditEvent.objects.filter(
        object_type="indicators.observation", user=personas.tongji
    ).exists()


def test_save_grid_names_every_bad_cell_and_writes_nothing(personas):
    key = actions.cell_key(SHOUYANG, gdp())
    with pytest.raises(ValidationError) as caught:
        actions.save_grid(
            acting_user=personas.tongji,
            counties=[division(SHOUYANG)],
            indicators=[gdp()],
            period=Period(2024, 6),
            entered={key: ("98.03", "abc")},
        )
    assert list(caught.value.error_dict) == [key]
    assert not Observation.objects.exists()


def test_save_grid_refuses_another_countys_figures(personas):
    with pytest.raises(PermissionDenied):
        actions.save_grid(
            acting_user=personas.tongji,
            counties=[division(YUCI)],
            indicators=[gdp()],
            period=Period(2024, 6),
            entered={actions.cell_key(YUCI, gdp()): ("1", "1")},
        )
    assert not Observation.objects.exists()


def test_save_grid_refuses_an_unknown_status(personas):
    with pytest.raises(ValidationError):
        actions.save_grid(
            acting_user=personas.tongji,
            counties=[division(SHOUYANG)],
            indicators=[gdp()],
            period=Period(2024, 6),
            entered={actions.cell_key(SHOUYANG, gdp()): ("", "6.2")},
            status="secret",
        )
    assert not Observation.objects.exists()


def test_save_targets_sets_them_and_names_a_bad_one(personas):
    assert actions.save_targets(
        acting_user=personas.tongji, county=division(SHOUYANG), year=2025, entered={gdp(): "6.5"}
    )
    assert Target.objects.get().growth == D("6.5")
    with pytest.raises(ValidationError) as caught:
        actions.save_targets(
            acting_user=personas.tongji, county=division(SHOUYANG), year=2025, entered={gdp(): "x"}
        )
    assert list(caught.value.error_dict) == [str(gdp().pk)]


@pytest.mark.parametrize(
    "write",
    [
        lambda: actions.save_observation(
            acting_user=None,
            county=division(SHOUYANG),
            indicator=gdp(),
            period=Period(2024, 6),
            value=None,
            rate=D("6"),
        ),
        lambda: actions.set_target(
            acting_user=None, county=division(SHOUYANG), indicator=gdp(), year=2024, growth=D(6)
        ),
        lambda: actions.create_indicator(
            acting_user=None, county=division(SHOUYANG), code="x1", name="x", unit="%"
        ),
        lambda: actions.create_standard_indicator(acting_user=None, code="x2", name="x"),
    ],
)
def test_a_write_without_an_actor_is_refused(personas, write):
    before = (Observation.objects.count(), Target.objects.count(), Indicator.objects.count())
    with pytest.raises(MissingActor):
        write()
    after = (Observation.objects.count(), Target.objects.count(), Indicator.objects.count())
    assert before == after


def test_the_system_actor_writes_and_is_recorded_as_itself(personas):
    actor = system_actor()
    actions.set_target(
        acting_user=actor, county=division(YUCI), indicator=gdp(), year=2024, growth=D(6)
    )
    assert AuditEvent.objects.get(object_type="indicators.target").user == actor


def test_only_the_system_actor_writes_the_standard_catalogue(personas):
    with pytest.raises(PermissionDenied):
        actions.create_standard_indicator(acting_user=personas.tongji, code="x3", name="x")


def test_the_entry_grid_without_data_opens_on_the_last_month_over(personas, client_for):
    today = timezone.localdate()
    expected = Period.completed_by(today)
    page = client_for(personas.tongji).get("/indicators/entry/")
    assert page.context["period"] == expected


def test_completed_by_is_the_previous_month():
    assert Period.completed_by(datetime.date(2025, 3, 15)) == Period(2025, 2)
    assert Period.completed_by(datetime.date(2025, 1, 2)) == Period(2024, 12)


def test_the_targets_page_opens_on_the_latest_year_with_targets(personas, client_for):
    actions.set_target(
        acting_user=personas.tongji,
        county=division(SHOUYANG),
        indicator=gdp(),
        year=2031,
        growth=D(6),
    )
    page = client_for(personas.tongji).get("/indicators/targets/")
    assert page.context["year"] == 2031
    Target.objects.all().delete()
    page = client_for(personas.tongji).get("/indicators/targets/")
    assert page.context["year"] == timezone.localdate().year
