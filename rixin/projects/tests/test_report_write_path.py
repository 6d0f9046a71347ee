"""A monthly report is written through one path with one set of rules, typed or imported."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rixin.audit.models import AuditEvent
from rixin.projects import actions
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport
from rixin.testing import xlsx_bytes

from .factories import TODAY, project, report

pytestmark = pytest.mark.django_db


def _entry(item, month=6, investment="10", **fields):
    return actions.ReportEntry(item, 2024, month, Decimal(investment), **fields)


def _preview_errors(user, item, month, investment, progress=None):
    row = [item.pk, "", "", "", 2024, month, None, None, investment, progress, "", "", ""]
    result = MonthlyReportImporter(user).parse(xlsx_bytes([MonthlyReportImporter.header(), row]))
    return [e.message for e in result.errors]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"investment": "-1"}, "investment"),
        ({"month": 13}, "month"),
        ({"month": 8}, "month"),  # after TODAY's month
        ({"physical_progress": Decimal("120")}, "physical_progress"),
    ],
)
def test_the_import_action_refuses_what_the_form_refuses_with_the_same_message(
    personas, fields, field
):
    item = project(personas.transport)
    entry = _entry(item, **fields)
    with pytest.raises(ValidationError) as single:
        actions.submit_monthly_report(
            item,
            acting_user=personas.transport,
            year=entry.year,
            month=entry.month,
            investment=entry.investment,
            physical_progress=entry.physical_progress,
            today=TODAY,
        )
    with pytest.raises(ValidationError) as bulk:
        actions.import_monthly_reports([entry], acting_user=personas.transport, today=TODAY)
    assert single.value.message_dict[field] == bulk.value.message_dict[field]
    assert not MonthlyReport.objects.exists()


def test_the_preview_shows_the_rules_own_messages(personas):
    item = project(personas.transport)
    from rixin.projects.models import check_report_values as refused

    for month, investment, progress, field in [
        (6, -1, None, "investment"),
        (6, 1, 120, "physical_progress"),
        (13, 1, None, "month"),
    ]:
        with pytest.raises(ValidationError) as rule:
            refused(Decimal(investment), Decimal(progress) if progress else None, month)
        assert (
            _preview_errors(personas.transport, item, month, investment, progress)
            == (rule.value.message_dict[field])
        )


def test_an_imported_report_gets_the_models_defaults_like_a_typed_one(personas):
    item = project(personas.transport)
    typed = report(personas.transport, item, 5, "10")
    actions.import_monthly_reports([_entry(item)], acting_user=personas.transport, today=TODAY)
    imported = MonthlyReport.objects.get(project=item, month=6)
    assert (imported.version, imported.revision, imported.is_illustrative) == (1, 0, False)
    assert (imported.reviewed_by, imported.reviewed_at, imported.review_note) == (None, None, "")
    created = AuditEvent.objects.filter(object_type="projects.monthlyreport", action="create")
    after = {e.object_id: e.after for e in created}
    assert set(after[str(imported.pk)]) == set(after[str(typed.pk)])


def test_a_typed_correction_and_an_imported_one_count_the_revision_alike(personas):
    item = project(personas.transport)
    report(personas.transport, item, 6, "10")
    report(personas.transport, item, 6, "12")
    actions.import_monthly_reports(
        [_entry(item, investment="15")], acting_user=personas.transport, today=TODAY
    )
    corrected = MonthlyReport.objects.get(project=item, month=6)
    assert (corrected.revision, corrected.version, corrected.investment) == (
        2,
        3,
        Decimal("15"),
    )
    messages = list(
        AuditEvent.objects.filter(object_type="projects.monthlyreport", action="update")
        .order_by("pk")
        .values_list("message", flat=True)
    )
    assert messages == ["更正第1次", "导入更正第2次"]


def test_a_file_with_one_month_twice_is_refused_whole(personas):
    item = project(personas.transport)
    with pytest.raises(ValidationError):
        actions.import_monthly_reports(
            [_entry(item), _entry(item, investment="20")],
            acting_user=personas.transport,
            today=TODAY,
        )
    assert not MonthlyReport.objects.exists()


def test_the_system_actor_submits_and_is_recorded_as_itself(personas):
    from rixin.accounts.access import system_actor

    item = project(personas.transport)
    actor = system_actor()
    submitted = actions.submit_monthly_report(
        item,
        acting_user=actor,
        year=2024,
        month=6,
        investment=Decimal("3"),
        at=datetime.datetime(2024, 7, 3, tzinfo=datetime.UTC),
    )
    assert submitted.submitted_by == actor
    event = AuditEvent.objects.get(object_type="projects.monthlyreport", object_id=submitted.pk)
    assert event.username == actor.username
