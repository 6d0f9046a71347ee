"""The county administrator sets the county's 公文 frame through the action (audited); the
发文字号 is numbered in sequence per county and year; nobody else may set it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.accounts.access import system_actor
from rixin.audit.models import AuditEvent
from rixin.cockpit.periods import CockpitPeriod
from rixin.reports import actions
from rixin.reports.models import IssuedReport, ReportFrame

pytestmark = pytest.mark.django_db

FRAME = {
    "issuer_mark": "寿阳县发展和改革局文件",
    "number_pattern": "寿发改〔{year}〕{n}号",
    "addressee": "晋中市人民政府:",
    "signatory": "寿阳县发展和改革局",
}


def test_the_county_admin_saves_the_frame_and_it_is_audited(personas):
    frame = actions.save_frame(acting_user=personas.county_admin, county_code="140725", **FRAME)
    assert ReportFrame.objects.get(county_id="140725").issuer_mark == FRAME["issuer_mark"]
    assert AuditEvent.objects.filter(object_type="reports.reportframe", object_id=str(frame.pk))


@pytest.mark.parametrize("name", ["officer", "leader", "other_officer", "city_viewer"])
def test_others_may_not_save_it(personas, name):
    with pytest.raises(PermissionDenied):
        actions.save_frame(acting_user=getattr(personas, name), county_code="140725", **FRAME)
    assert not ReportFrame.objects.exists()


def test_a_pattern_without_the_number_is_refused(personas):
    with pytest.raises(ValidationError):
        actions.save_frame(
            acting_user=personas.county_admin,
            county_code="140725",
            **{**FRAME, "number_pattern": "寿发改〔{year}〕号"},
        )


def test_numbers_run_in_sequence_per_year_and_an_issue_keeps_its_number(personas):
    actions.save_frame(acting_user=personas.county_admin, county_code="140725", **FRAME)
    actor = system_actor()

    def issue(key, day):
        return actions.issue_official_report(
            acting_user=actor, county_code="140725", period=CockpitPeriod.parse(key), dated=day
        ).document_number

    assert issue("2024H1", datetime.date(2024, 7, 10)) == "寿发改〔2024〕1号"
    assert issue("2024-07", datetime.date(2024, 8, 8)) == "寿发改〔2024〕2号"
    assert issue("2024H1", datetime.date(2024, 9, 1)) == "寿发改〔2024〕1号"
    assert issue("2024H2", datetime.date(2025, 1, 10)) == "寿发改〔2025〕1号"
    assert IssuedReport.objects.count() == 3


def test_no_official_report_without_a_frame(personas):
    with pytest.raises(ValidationError):
        actions.issue_official_report(
            acting_user=system_actor(), county_code="140725", period=CockpitPeriod.parse("2024H1")
        )


def test_the_settings_page_saves_through_the_action(personas, client_for):
    client = client_for(personas.county_admin)
    assert client.get("/reports/frame/").status_code == 200
    response = client.post("/reports/frame/", {**FRAME, "secrecy": "", "urgency": "加急"})
    assert response.status_code == 302
    assert ReportFrame.objects.get(county_id="140725").urgency == "加急"
