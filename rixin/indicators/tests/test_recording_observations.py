"""Recording figures: who may, what is refused, and corrections kept as such."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.audit.models import AuditEvent
from rixin.indicators import actions
from rixin.indicators.models import Indicator, Observation, ObservationRevision
from rixin.indicators.periods import Period
from rixin.regions.models import Division

pytestmark = pytest.mark.django_db
H1 = Period(2024, 6)


def save(user, code="gdp", county="140725", period=H1, value=None, rate=D("6.2"), **extra):
    return actions.save_observation(
        acting_user=user,
        county=Division.objects.get(code=county),
        indicator=Indicator.objects.get(code=code),
        period=period,
        value=value,
        rate=rate,
        **extra,
    )


def test_statistics_officer_records_own_county_with_audit_record(personas):
    observation, kind = save(personas.tongji, value=D("980300"))
    assert kind == "create" and observation.published_value == D("98.03")
    assert AuditEvent.objects.filter(
        object_type="indicators.observation", object_id=str(observation.pk), action="create"
    ).exists()


def test_city_statistician_records_any_county_of_the_city(personas):
    assert save(personas.city_statistician, county="140702")[1] == "create"


def test_officer_of_another_department_may_not_record(personas):
    with pytest.raises(PermissionDenied):
        save(personas.officer)
    assert not Observation.objects.exists()


def test_statistics_officer_may_not_record_another_county(personas):
    with pytest.raises(PermissionDenied):
        save(personas.tongji, county="140702")
    assert not Observation.objects.exists()


def test_second_record_for_the_same_period_is_a_correction(personas):
    first, _ = save(personas.tongji, rate=D("6.0"))
    second, kind = save(personas.tongji, rate=D("6.2"), reason="统计局核定")
    assert kind == "correction" and second.pk == first.pk and second.rate == D("6.2")
    revision = ObservationRevision.objects.get(observation=first)
    assert (revision.kind, revision.old_rate, revision.new_rate) == (
        "correction",
        D("6.0"),
        D("6.2"),
    )
    assert Observation.objects.count() == 1


def test_same_figures_again_change_nothing(personas):
    save(personas.tongji)
    assert save(personas.tongji)[1] == "unchanged"
    assert not ObservationRevision.objects.exists()


def test_publishing_a_draft_is_a_status_change_row(personas):
    save(personas.tongji, status="draft")
    observation, kind = save(personas.tongji, status="published")
    assert kind == "status"
    revision = observation.revisions.get()
    assert (revision.old_status, revision.new_status, revision.actor) == (
        "draft",
        "published",
        personas.tongji,
    )


@pytest.mark.parametrize("rate", [D("-100.01"), D("1000.01")])
def test_rate_outside_the_range_is_refused(personas, rate):
    with pytest.raises(ValidationError) as caught:
        save(personas.tongji, rate=rate)
    assert "超出范围" in str(caught.value.message_dict["rate"])
    assert not Observation.objects.exists()


def test_value_for_a_rate_only_indicator_is_refused(personas):
    with pytest.raises(ValidationError) as caught:
        save(personas.tongji, code="industry_value_added", value=D(100))
    assert "只公布增速" in caught.value.message_dict["value"][0]


def test_a_period_that_does_not_exist_is_refused():
    with pytest.raises(ValueError, match="不存在"):
        Period.parse("2024-13")
    with pytest.raises(ValueError, match="不是统计期"):
        Period.parse("上半年")
    assert Period.parse("2024年1-6月") == Period.parse("2024-6") == H1


def test_quarterly_indicator_needs_a_quarter_end(personas):
    with pytest.raises(ValidationError) as caught:
        save(personas.tongji, period=Period(2024, 5))
    assert "季度" in caught.value.message_dict["month"][0]


def test_targets_are_set_and_changed_through_the_action(personas):
    county, gdp = Division.objects.get(code="140725"), Indicator.objects.get(code="gdp")
    target = actions.set_target(
        acting_user=personas.tongji, county=county, indicator=gdp, year=2024, growth=D(6)
    )
    actions.set_target(
        acting_user=personas.tongji, county=county, indicator=gdp, year=2024, growth=D("6.5")
    )
    target.refresh_from_db()
    assert target.growth == D("6.5")
    with pytest.raises(PermissionDenied):
        actions.set_target(
            acting_user=personas.leader, county=county, indicator=gdp, year=2024, growth=D(1)
        )


def test_county_adds_its_own_indicator_which_is_not_ranked(personas):
    indicator = actions.create_indicator(
        acting_user=personas.tongji,
        county=personas.tongji.division,
        code="tourism",
        name="旅游收入",
        unit="亿元",
    )
    assert indicator.county_id == "140725" and not indicator.is_ranked
    with pytest.raises(ValidationError):
        actions.create_indicator(
            acting_user=personas.tongji,
            county=personas.tongji.division,
            code="matrix",
            name="x",
            unit="亿元",
        )
    with pytest.raises(PermissionDenied):
        actions.create_indicator(
            acting_user=personas.city_statistician,
            county=personas.tongji.division,
            code="x2",
            name="x",
            unit="亿元",
        )
