"""The figures of figures.py, each on a small case built through the actions."""

import datetime
from decimal import Decimal

import pytest

from rixin.accounts.access import system_actor
from rixin.approvals import actions, figures
from rixin.approvals.choices import ProjectType

from .factories import case, item

D = datetime.date
LATER = D(2024, 12, 31)


@pytest.fixture
def walked(personas):
    actor = system_actor()
    c = case(personas, opened_on=D(2024, 3, 1))
    beian, yushen, xuanzhi = (
        item(c, code) for code in ("xiangmu-beian", "yongdi-yushen", "xuanzhi")
    )
    actions.accept_item(beian, acting_user=actor, on=D(2024, 3, 4))
    actions.decide_item(
        beian, acting_user=actor, granted=True, on=D(2024, 3, 5), document_number="1"
    )
    actions.accept_item(
        yushen,
        acting_user=actor,
        on=D(2024, 3, 4),
        kind="tolerant",
        missing_materials="用地范围图",
        supply_by=D(2024, 3, 11),
    )
    actions.decide_item(
        yushen, acting_user=actor, granted=True, on=D(2024, 4, 1), document_number="2"
    )
    actions.accept_item(xuanzhi, acting_user=actor, on=D(2024, 3, 4), kind="commitment")
    return c, list(figures.items_with_clocks(c.items.all()))


@pytest.mark.django_db
def test_department_timeliness_counts_on_time_and_mean_days(walked):
    _case, items = walked
    rows = {r.department.kind: r for r in figures.department_timeliness(items, LATER)}
    fagai, ziran = rows["fagai"], rows["ziran"]
    assert (fagai.decided, fagai.on_time, fagai.on_time_rate, fagai.mean_days) == (1, 1, 100, 1)
    # 用地预审: 20 working days against a limit of 15 — late; 选址 is running and overdue
    assert (ziran.decided, ziran.on_time, ziran.on_time_rate, ziran.overdue_now) == (1, 0, 0, 1)


@pytest.mark.django_db
def test_bottleneck_is_the_item_furthest_into_its_limit(walked):
    _case, items = walked
    # on 1 April: 用地预审 20/15, 选址 20/10 (running), 备案 1/3
    assert figures.bottleneck(items, D(2024, 4, 1)).name == "选址意见书"
    decided = [i for i in items if i.name != "选址意见书"]
    assert figures.bottleneck(decided, D(2024, 4, 1)).name == "用地预审"


@pytest.mark.django_db
def test_share_handled_by_tolerance_or_commitment(walked):
    _case, items = walked
    assert figures.facilitated_share(items) == Decimal("66.67")


@pytest.mark.django_db
def test_case_time_against_the_national_target(walked):
    c, items = walked
    assert figures.national_target(c) == 120
    c.project_type = ProjectType.LOW_RISK
    assert figures.national_target(c) == 15
    # 5 March to 1 April, the three parallel items counted once
    assert figures.case_working_days(items, D(2024, 4, 1)) == 20


@pytest.mark.django_db
def test_overdue_items_and_stage_span(walked):
    c, items = walked
    assert [i.name for i in figures.overdue_items(items, LATER)] == ["选址意见书"]
    stage = c.stages.get(stage__order=1)
    span = figures.stage_span(
        stage, [i for i in items if i.case_stage_id == stage.pk], D(2024, 3, 8)
    )
    assert span.start == D(2024, 3, 4) and span.end is None and span.working_days == 4
