"""The department's approval queue on its to-do list; 补正 and 重新计时 as one clock step;
the report paragraph left out of a period without approvals."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from rixin.accounts.access import system_actor
from rixin.approvals import actions, figures
from rixin.approvals.choices import ItemStatus, Step
from rixin.approvals.models import Transition
from rixin.directory.choices import DepartmentKind as K
from rixin.testing import SHOUYANG
from rixin.todo import providers
from rixin.todo.providers import items_for

from .factories import case, item, officer_of

D = datetime.date
TODAY = D(2024, 3, 20)


def _queue(user):
    return [i for i in items_for(user, TODAY) if str(i.section) == str(providers.S_APPROVALS)]


@pytest.mark.django_db
def test_the_departments_open_items_are_on_its_to_do_list_nearest_deadline_first(personas):
    opened = case(personas)
    mine = list(opened.items.filter(department=personas.officer.department))
    assert mine, "the catalogue gives the 发改局 an item"
    first = mine[0]
    actions.accept_item(first, acting_user=personas.officer, on=D(2024, 3, 4))
    queue = _queue(personas.officer)
    assert len(queue) == len(mine)
    assert queue[0].title.endswith(first.name) and str(queue[0].action) == "办结"
    assert queue[0].url == f"/approvals/cases/{opened.pk}/"
    assert queue[0].due == figures.due_date(
        figures.items_with_clocks(first.__class__.objects.filter(pk=first.pk)).get()
    )
    assert queue[0].countdown
    # Another department's officer has none of them; a decided item leaves the list.
    housing = officer_of(SHOUYANG, K.HOUSING)
    assert {i.url for i in _queue(housing)} <= {f"/approvals/cases/{opened.pk}/"}
    assert not any(i.title.endswith(first.name) for i in _queue(housing))
    actions.decide_item(
        first, acting_user=personas.officer, granted=True, on=D(2024, 3, 6), document_number="1"
    )
    assert len(_queue(personas.officer)) == len(mine) - 1


@pytest.mark.django_db
def test_correction_and_restart_are_one_clock_step_each_way(personas):
    entry = item(case(personas), "xiangmu-beian")
    actor = system_actor()
    actions.accept_item(entry, acting_user=actor, on=D(2024, 3, 4))
    paused = actions.toggle_clock(
        entry, Step.REQUEST, acting_user=actor, on=D(2024, 3, 5), note="补表"
    )
    assert (paused.status, paused.paused_on) == (ItemStatus.PAUSED, D(2024, 3, 5))
    with pytest.raises(ValidationError, match="只有办理中的事项可以要求补正"):
        actions.toggle_clock(entry, Step.REQUEST, acting_user=actor, on=D(2024, 3, 6), note="x")
    with pytest.raises(ValidationError, match="早于补正开始日期"):
        actions.toggle_clock(entry, Step.RESUME, acting_user=actor, on=D(2024, 3, 4))
    resumed = actions.toggle_clock(entry, Step.RESUME, acting_user=actor, on=D(2024, 3, 7))
    assert (resumed.status, resumed.paused_on) == (ItemStatus.RUNNING, None)
    steps = list(
        Transition.objects.filter(item=entry).values_list("step", "old_status", "new_status")
    )
    assert steps[-2:] == [
        (Step.REQUEST, ItemStatus.RUNNING, ItemStatus.PAUSED),
        (Step.RESUME, ItemStatus.PAUSED, ItemStatus.RUNNING),
    ]
    with pytest.raises(ValidationError, match="请写明需要补正的材料"):
        actions.request_correction(entry, acting_user=actor, on=D(2024, 3, 8), note=" ")


@pytest.mark.django_db
def test_the_report_paragraph_is_left_out_of_a_period_without_approvals(personas):
    assert figures.report_paragraph(SHOUYANG, D(2024, 1, 1), D(2024, 6, 30)) == ""
    entry = item(case(personas), "xiangmu-beian")
    actions.accept_item(entry, acting_user=system_actor(), on=D(2024, 3, 4))
    assert figures.report_paragraph(SHOUYANG, D(2024, 1, 1), D(2024, 6, 30)).startswith(
        "开启并联协同工作模式"
    )
    assert figures.report_paragraph(SHOUYANG, D(2023, 1, 1), D(2023, 12, 31)) == ""
