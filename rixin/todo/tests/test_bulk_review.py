"""批量通过 / 退回 from the 发改局's to-do list: each ticked report through the review action,
a summary of what was done, and a report corrected since the list was drawn refused by name."""

from django.contrib.messages import get_messages

from rixin.projects.choices import ProjectStatus, ReportStatus
from rixin.projects.models import MonthlyReport
from rixin.projects.tests.factories import project, report


def _submitted(personas, *names):
    reports = []
    for name in names:
        p = project(personas.transport, name=name, status=ProjectStatus.UNDER_CONSTRUCTION)
        reports.append(report(personas.transport, p, 6, "100"))
    return reports


def _post(client, reports, **data):
    payload = {"report": [str(r.pk) for r in reports], **data}
    for r in reports:
        payload[f"version_{r.pk}"] = str(r.version)
    return client.post("/todo/review/", payload, follow=True)


def _texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]


def test_the_review_list_is_a_form_with_a_checkbox_per_report(personas, client_for):
    (june,) = _submitted(personas, "环城路改造")
    body = client_for(personas.officer).get("/todo/").content.decode()
    assert 'data-testid="bulk-review"' in body
    assert f'name="report" value="{june.pk}"' in body
    assert f'name="version_{june.pk}" value="{june.version}"' in body


def test_approve_several_at_once_says_how_many(personas, client_for):
    reports = _submitted(personas, "环城路改造", "客运站")
    response = _post(client_for(personas.officer), reports, decision="approve")
    assert "已通过2份,退回0份" in _texts(response)
    assert set(MonthlyReport.objects.values_list("status", flat=True)) == {ReportStatus.APPROVED}


def test_return_needs_a_reason_and_records_it(personas, client_for):
    reports = _submitted(personas, "环城路改造", "客运站")
    client = client_for(personas.officer)
    refused = _post(client, reports, decision="return", reason=" ")
    assert "退回报告须说明原因。" in _texts(refused)
    assert not MonthlyReport.objects.filter(status=ReportStatus.RETURNED).exists()
    done = _post(client, reports, decision="return", reason="照片缺失")
    assert "已通过0份,退回2份" in _texts(done)
    assert set(MonthlyReport.objects.values_list("review_note", flat=True)) == {"照片缺失"}


def test_a_report_corrected_since_is_refused_by_name_and_the_others_pass(personas, client_for):
    road, station = _submitted(personas, "环城路改造", "客运站")
    seen = [MonthlyReport.objects.get(pk=road.pk), MonthlyReport.objects.get(pk=station.pk)]
    report(personas.transport, station.project, 6, "120")  # a correction: a new version
    texts = _texts(_post(client_for(personas.officer), seen, decision="approve"))
    assert "已通过1份,退回0份" in texts
    assert any(t.startswith("客运站 2024-06:") and "其他人已修改" in t for t in texts)
    assert MonthlyReport.objects.get(pk=road.pk).status == ReportStatus.APPROVED
    assert MonthlyReport.objects.get(pk=station.pk).status == ReportStatus.SUBMITTED


def test_another_countys_reviewer_reviews_nothing_of_shouyang(personas, client_for):
    (june,) = _submitted(personas, "环城路改造")
    texts = _texts(_post(client_for(personas.other_officer), [june], decision="approve"))
    assert "已通过0份,退回0份" in texts
    assert MonthlyReport.objects.get(pk=june.pk).status == ReportStatus.SUBMITTED


def test_other_officers_may_not_review(personas, client_for):
    (june,) = _submitted(personas, "环城路改造")
    response = client_for(personas.transport).post(
        "/todo/review/", {"report": [june.pk], f"version_{june.pk}": june.version}
    )
    assert response.status_code == 403
