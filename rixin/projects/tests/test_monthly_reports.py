import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.projects import actions
from rixin.projects.choices import ReportStatus
from rixin.projects.models import MonthlyReport

from .factories import project, report

pytestmark = pytest.mark.django_db


def test_second_report_for_the_same_month_is_a_correction(personas):
    item = project(personas.transport)
    first = report(personas.transport, item, 3, "100")
    actions.approve_report(first, acting_user=personas.officer)
    corrected = report(personas.transport, item, 3, "120")
    assert corrected.pk == first.pk
    assert (corrected.revision, corrected.status, corrected.investment) == (
        1,
        ReportStatus.SUBMITTED,
        Decimal("120"),
    )
    assert MonthlyReport.objects.filter(project=item).count() == 1


def test_report_for_a_future_month_is_refused(personas):
    item = project(personas.transport)
    with pytest.raises(ValidationError, match="未来"):
        report(personas.transport, item, 8, "1")
    assert not MonthlyReport.objects.exists()


def test_negative_investment_is_refused(personas):
    item = project(personas.transport)
    with pytest.raises(ValidationError, match="不小于0"):
        report(personas.transport, item, 3, "-5")


def test_officer_not_responsible_cannot_report(personas):
    item = project(personas.transport)
    with pytest.raises(PermissionDenied):
        report(personas.tongji, item, 3, "1")
    assert not MonthlyReport.objects.exists()


def test_cumulative_above_total_investment_is_allowed_but_flagged(personas):
    item = project(personas.transport, total_investment=Decimal("100"))
    assert not report(personas.transport, item, 1, "60").exceeds_total
    assert report(personas.transport, item, 2, "60").exceeds_total


def test_only_fagai_officer_reviews_and_a_return_needs_a_reason(personas):
    item = project(personas.transport)
    submitted = report(personas.transport, item, 3, "10")
    with pytest.raises(PermissionDenied):
        actions.approve_report(submitted, acting_user=personas.transport)
    with pytest.raises(PermissionDenied):
        actions.approve_report(submitted, acting_user=personas.county_admin)
    with pytest.raises(ValidationError):
        actions.return_report(submitted, acting_user=personas.officer, reason="")
    returned = actions.return_report(
        submitted, acting_user=personas.officer, reason="金额与台账不符"
    )
    assert returned.status == ReportStatus.RETURNED and returned.review_note == "金额与台账不符"


def test_physical_progress_above_100_is_refused(personas):
    item = project(personas.transport)
    with pytest.raises(ValidationError, match="形象进度"):
        report(personas.transport, item, 3, "1", physical_progress=Decimal("120"))


def test_report_due_date_is_the_configured_day_of_next_month():
    from rixin.projects.models import ProjectSettings

    rules = ProjectSettings(county_id="140725")
    assert rules.report_due_date(2024, 6) == datetime.date(2024, 7, 5)
    assert rules.report_due_date(2024, 12) == datetime.date(2025, 1, 5)


def test_a_returned_report_reaches_the_officer_who_submitted_it(personas):
    from rixin.notices.choices import Event
    from rixin.notices.models import Notice

    item = project(personas.transport)
    submitted = report(personas.transport, item, 3, "10")
    actions.return_report(submitted, acting_user=personas.officer, reason="照片不清晰")
    notice = Notice.objects.get(event=Event.REPORT_RETURNED)
    assert notice.recipient == personas.transport
    assert notice.body == "照片不清晰"
    assert notice.link == f"/projects/{item.pk}/"
