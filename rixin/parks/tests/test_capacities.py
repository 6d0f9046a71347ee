"""Built capacity is derived from the projects' declarations, never typed; a declaration in a
unit the park's product does not use is refused with nothing written."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from rixin.accounts.access import system_actor
from rixin.audit.models import AuditEvent
from rixin.parks import actions, figures
from rixin.parks.models import ParkCapacity, ProjectCapacity
from rixin.projects import actions as project_actions
from rixin.projects.choices import ProjectStatus as S

from . import factories

pytestmark = pytest.mark.django_db


def _paper_park():
    park = factories.park("140725", "造纸产业园")
    return park, factories.capacity(park, "生活用纸", "30")


def test_built_is_the_sum_over_finished_projects_and_under_way_over_started_ones(personas):
    park, target = _paper_park()
    for name, status, amount in [
        ("竣工项目", S.COMPLETED, "8"),
        ("投产项目", S.OPERATING, "2"),
        ("在建项目", S.UNDER_CONSTRUCTION, "5"),
        ("新开工项目", S.NEW_START, "3"),
        ("储备项目", S.RESERVE, "7"),
        ("终止项目", S.TERMINATED, "4"),
    ]:
        factories.declare(factories.project(park, name, status), target, amount)
    capacity = ParkCapacity.objects.with_figures().get(pk=target.pk)
    assert capacity.built == Decimal("10")
    assert capacity.under_way == Decimal("8")
    assert capacity.built_share == Decimal("33.3")
    assert capacity.planned_share == Decimal("60.0")


def test_a_project_that_is_completed_moves_its_capacity_from_under_way_to_built(personas):
    park, target = _paper_park()
    project = factories.project(park, "生活用纸项目", S.UNDER_CONSTRUCTION)
    factories.declare(project, target, "30")
    project_actions.change_status(project, S.COMPLETED, acting_user=system_actor())
    capacity = figures.capacities_of([park])[park.pk][0]
    assert (capacity.built, capacity.under_way) == (Decimal("30"), Decimal("0"))
    assert capacity.built_share == Decimal("100.0")


def test_a_declaration_in_another_unit_is_refused_and_nothing_is_written(personas):
    park, target = _paper_park()
    project = factories.project(park, "生活用纸项目", S.UNDER_CONSTRUCTION)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.declare_project_capacity(
            project, acting_user=personas.officer, product=target, amount=Decimal(300), unit="吨/日"
        )
    message = refused.value.message_dict["unit"][0]
    assert "以“万吨/年”计" in message and "“吨/日”" in message and "生活用纸" in message
    assert not ProjectCapacity.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_project_cannot_declare_a_product_of_another_park(personas):
    _park, target = _paper_park()
    coal = factories.park("140725", "煤炭绿色循环产业园")
    project = factories.project(coal, "煤矸石项目")
    with pytest.raises(ValidationError) as refused:
        factories.declare(project, target)
    assert "造纸产业园" in refused.value.message_dict["product"][0]
    outside = factories.project(None, "园区外项目")
    with pytest.raises(ValidationError):
        factories.declare(outside, target)
    assert not ProjectCapacity.objects.exists()


def test_a_project_declares_a_product_once_and_a_positive_amount(personas):
    park, target = _paper_park()
    project = factories.project(park)
    with pytest.raises(ValidationError):
        factories.declare(project, target, "0")
    factories.declare(project, target, "5")
    with pytest.raises(ValidationError):
        factories.declare(project, target, "5")
    assert ProjectCapacity.objects.count() == 1


def test_only_keepers_of_the_projects_county_declare(personas):
    park, target = _paper_park()
    project = factories.project(park)
    for user in (personas.zhaoshang, personas.leader, personas.other_officer):
        with pytest.raises(PermissionDenied):
            actions.declare_project_capacity(
                project, acting_user=user, product=target, amount=Decimal(1), unit="万吨/年"
            )
    assert not ProjectCapacity.objects.exists()


def test_chain_leaders_belong_to_the_park_county(personas):
    park, _target = _paper_park()
    with pytest.raises(ValidationError):
        actions.set_chain_leaders(park, [personas.other_enterprise], acting_user=personas.officer)
    actions.set_chain_leaders(park, [personas.enterprise], acting_user=personas.officer)
    assert list(park.chain_leaders.all()) == [personas.enterprise]
    assert AuditEvent.objects.filter(object_id=str(park.pk), action="update").exists()


def test_the_cockpit_card_and_the_report_paragraph(personas):
    park, target = _paper_park()
    actions.update_park(
        park,
        {"revenue_target": Decimal(1_000_000), "chain_leaders": [personas.enterprise]},
        acting_user=system_actor(),
    )
    factories.capacity(park, "石膏板护面纸", "60")
    factories.declare(factories.project(park, "生活用纸项目", S.UNDER_CONSTRUCTION), target, "30")
    card = figures.cockpit_card("140725", datetime.date(2024, 6, 30))
    assert card["parks"] == 1 and card["hundred_billion"] == 1
    paper = card["items"][0]["capacities"]
    assert paper[0]["product"] == "生活用纸" and paper[0]["under_way"] == Decimal("30")
    text = figures.report_paragraph("140725", datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))
    assert text.startswith("全县“3+2”产业园区建设有序推进:造纸产业园以强伟纸业为链主")
    assert "规划生活用纸30万吨、石膏板护面纸60万吨产能" in text
    assert "在建30万吨" in text and "瞄准“百亿园区”目标" in text
    with translation.override("en"):
        english = figures.report_paragraph(
            "140725", datetime.date(2024, 1, 1), datetime.date(2024, 6, 30)
        )
    assert english.startswith("The county's") and not set(english) & set("、。")
