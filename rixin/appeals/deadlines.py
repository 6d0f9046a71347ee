"""Which dispatches are due soon or overdue, and which answers wait too long for a mark."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from . import actions
from .choices import Status
from .models import Appeal, AppealPolicy, Assignment
from .workdays import add_working_days


def waiting_assignments() -> QuerySet:
    """Active dispatches not yet answered, of appeals still with a department."""
    return Assignment.objects.waiting()


def due_soon(assignments: QuerySet, today: datetime.date, reminder_days: int = 2) -> QuerySet:
    """Due between today and ``reminder_days`` working days from today."""
    return assignments.filter(
        deadline__gte=today, deadline__lte=add_working_days(today, reminder_days)
    )


def _policies() -> dict[str, AppealPolicy]:
    return {p.county_id: p for p in AppealPolicy.objects.all()}


def run_deadlines(today: datetime.date, *, acting_user) -> dict[str, int]:
    """The clock's steps as of ``today``; ``acting_user`` is the system actor."""
    at = timezone.make_aware(datetime.datetime.combine(today, datetime.time(8, 0)))
    policies = _policies()
    done = {"reminded": 0, "overdue": 0, "closed": 0}
    waiting = waiting_assignments().select_related("appeal", "department")
    for assignment in due_soon(waiting.filter(reminded_at__isnull=True), today, 10):
        policy = policies.get(assignment.appeal.county_id) or AppealPolicy()
        if assignment.deadline <= add_working_days(today, policy.reminder_days):
            actions.remind_assignment(assignment, acting_user=acting_user, at=at)
            done["reminded"] += 1
    for assignment in waiting.filter(overdue_at__isnull=True).overdue(today):
        actions.flag_overdue(assignment, acting_user=acting_user, at=at)
        done["overdue"] += 1
    for appeal in Appeal.objects.filter(status=Status.ANSWERED, answered_at__isnull=False):
        policy = policies.get(appeal.county_id) or AppealPolicy()
        answered_on = timezone.localtime(appeal.answered_at).date()
        if add_working_days(answered_on, policy.unmarked_close_days) < today:
            actions.close_unmarked(appeal, acting_user=acting_user, at=at)
            done["closed"] += 1
    return done
