import datetime
from io import StringIO

from django.core.management import call_command

from rixin.appeals.choices import Satisfaction, Status, Step
from rixin.appeals.models import Appeal, Transition

from .factories import answered, dispatched, moment


def _run(day: str) -> str:
    out = StringIO()
    call_command("appeal_deadlines", today=datetime.date.fromisoformat(day), stdout=out)
    return out.getvalue()


def test_a_reminder_comes_two_working_days_before_the_deadline_once(personas):
    appeal = dispatched(personas, at=moment("2024-09-27"))  # deadline 2024-10-10
    assert "reminded=0" in _run("2024-09-30")  # 10-10 is the third working day after 9-30
    assert "reminded=1" in _run("2024-10-08")
    assert "reminded=0" in _run("2024-10-08")
    assert Transition.objects.filter(appeal=appeal, step=Step.REMIND).count() == 1


def test_an_appeal_past_its_deadline_is_flagged_overdue_once(personas):
    appeal = dispatched(personas, at=moment("2024-09-27"))
    assert "overdue=0" in _run("2024-10-10")
    assert "overdue=1" in _run("2024-10-11")
    assert "overdue=0" in _run("2024-10-12")
    assert Transition.objects.filter(appeal=appeal, step=Step.OVERDUE).count() == 1
    assert Appeal.objects.get(pk=appeal.pk).is_overdue(datetime.date(2024, 10, 11))


def test_an_unmarked_answer_closes_as_unrated_never_satisfied(personas):
    # Answered 9-27; the fifth working day after is 10-10 (9-29 is a make-up Sunday).
    appeal = answered(personas, at=moment("2024-09-27"))
    _run("2024-10-10")
    assert Appeal.objects.get(pk=appeal.pk).status == Status.ANSWERED
    assert "closed_unmarked=1" in _run("2024-10-11")
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED and appeal.satisfaction == Satisfaction.UNRATED
    assert "closed_unmarked=0" in _run("2024-10-12")


def test_the_county_sets_how_many_working_days_an_answer_waits(personas):
    from rixin.appeals import actions

    actions.save_policy(
        personas.yingshang.division, {"unmarked_close_days": 10}, acting_user=personas.yingshang
    )
    appeal = answered(personas, at=moment("2024-09-27"))
    _run("2024-10-11")  # the default five days would close it today
    assert Appeal.objects.get(pk=appeal.pk).status == Status.ANSWERED
