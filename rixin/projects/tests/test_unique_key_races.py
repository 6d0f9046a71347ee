"""Unique-key races end in the conflict message, never a 500, and no database constraint
name reaches a user."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rixin.projects import actions
from rixin.projects.models import MonthlyReport, Project

from .factories import project, report

pytestmark = pytest.mark.django_db
CODE = "2024-140725-48-01-000001"


def _a_rival_reports_first(monkeypatch, item, investment="999"):
    """Another writer's first report of June lands between our read and our insert."""
    original = actions._since_start

    def meanwhile(entries, existing):
        if not MonthlyReport.objects.filter(project=item, year=2024, month=6).exists():
            MonthlyReport.objects.create(
                county_id=item.county_id,
                project=item,
                year=2024,
                month=6,
                investment=Decimal(investment),
                submitted_at="2024-07-01T10:00:00+08:00",
            )
        return original(entries, existing)

    monkeypatch.setattr(actions, "_since_start", meanwhile)


def test_the_second_first_report_of_a_month_is_a_conflict(personas, monkeypatch):
    item = project(personas.transport)
    _a_rival_reports_first(monkeypatch, item)
    with pytest.raises(ValidationError, match="其他人已修改了此记录"):
        report(personas.transport, item, 6, "100")


def test_the_report_api_answers_409_to_the_race(personas, client_for, monkeypatch):
    item = project(personas.transport)
    _a_rival_reports_first(monkeypatch, item)
    response = client_for(personas.transport).post(
        f"/api/v1/projects/{item.pk}/reports",
        {"year": 2024, "month": 6, "investment": "100", "version": 0},
        content_type="application/json",
    )
    assert response.status_code == 409


def test_a_taken_project_code_is_said_in_words(personas, client_for):
    project(personas.transport, name="先入库", code=CODE)
    with pytest.raises(ValidationError) as refused:
        project(personas.transport, name="后入库", code=CODE)
    text = " ".join(refused.value.messages)
    assert "已被库中另一个项目使用" in text and "project_unique_code" not in text
    response = client_for(personas.transport).post(
        "/api/v1/projects/",
        {
            "name": "后入库",
            "category": "industrial",
            "code": CODE,
            "department": personas.transport.department_id,
            "total_investment": "10",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "project_unique_code" not in response.content.decode()


def test_two_writers_of_one_code_at_once_get_the_message_not_a_500(personas, monkeypatch):
    project(personas.transport, name="先入库", code=CODE)
    # Both writers passed the model's check before either saved.
    monkeypatch.setattr(Project, "validate_constraints", lambda self, exclude=None: None)
    with pytest.raises(ValidationError, match="已被库中另一个项目使用"):
        project(personas.transport, name="后入库", code=CODE)
    assert Project.objects.filter(code=CODE).count() == 1
