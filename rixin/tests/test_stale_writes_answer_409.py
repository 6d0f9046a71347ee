"""Every versioned API write answers a stale ``version`` with 409 and the conflict message,
leaves the row as the other writer left it, and the OpenAPI document says so."""

from datetime import date
from decimal import Decimal

import pytest

from rixin.api import api
from rixin.directory.models import Enterprise
from rixin.projects import actions
from rixin.projects.models import AnnualPlan, Milestone, MonthlyReport, Project
from rixin.projects.tests.factories import project, report

pytestmark = pytest.mark.django_db
STALE = "其他人已修改了此记录"


def _send(client, method, url, body):
    return getattr(client, method)(url, body, content_type="application/json")


def _writes(personas):
    """(method, url, body of a write from version 1, the row, its field, the value kept)."""
    item = project(personas.transport, name="原名称")
    report(personas.transport, item, 6, "100")
    actions.save_annual_plan(
        item, acting_user=personas.transport, year=2024, planned_investment=Decimal(500)
    )
    milestone = actions.add_milestone(
        item,
        acting_user=personas.transport,
        name="开工",
        type="construction_start",
        due_date=date(2024, 9, 1),
    )
    return [
        (
            personas.officer,
            "patch",
            f"/api/v1/directory/enterprises/{personas.enterprise.pk}",
            {"address": "新地址"},
            lambda: Enterprise.objects.get(pk=personas.enterprise.pk).address,
        ),
        (
            personas.transport,
            "patch",
            f"/api/v1/projects/{item.pk}",
            {"name": "新名称"},
            lambda: Project.objects.get(pk=item.pk).name,
        ),
        (
            personas.transport,
            "put",
            f"/api/v1/projects/{item.pk}/plans/2024",
            {"planned_investment": "900"},
            lambda: str(AnnualPlan.objects.get(project=item).planned_investment),
        ),
        (
            personas.transport,
            "post",
            f"/api/v1/projects/{item.pk}/reports",
            {"year": 2024, "month": 6, "investment": "300"},
            lambda: str(MonthlyReport.objects.get(project=item).investment),
        ),
        (
            personas.transport,
            "patch",
            f"/api/v1/projects/milestones/{milestone.pk}",
            {"name": "竣工"},
            lambda: Milestone.objects.get(pk=milestone.pk).name,
        ),
    ]


def test_a_stale_version_answers_409_with_the_conflict_message_on_every_versioned_write(
    personas, client_for
):
    for user, method, url, body, value in _writes(personas):
        client = client_for(user)
        fresh = _send(client, method, url, {**body, "version": 1})
        assert fresh.status_code in (200, 201), (url, fresh.content)
        kept = value()
        stale = _send(client, method, url, {**body, "version": 1})
        assert stale.status_code == 409, (url, stale.content)
        assert STALE in stale.json()["detail"], url
        assert value() == kept, url


def test_a_versioned_write_without_its_version_is_refused(personas, client_for):
    for user, method, url, body, value in _writes(personas):
        kept = value()
        response = _send(client_for(user), method, url, body)
        assert response.status_code == 422, (url, response.content)
        assert value() == kept, url


def test_the_openapi_document_lists_409_on_exactly_the_writes_that_take_a_version():
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    conflicts, versioned = set(), set()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if "409" in operation["responses"]:
                conflicts.add(f"{method.upper()} {path}")
            schema = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
            )
            name = schema.get("$ref", "").rsplit("/", 1)[-1]
            if "version" in components.get(name, {}).get("properties", {}):
                versioned.add(f"{method.upper()} {path}")
    assert {
        "PATCH /api/v1/directory/enterprises/{pk}",
        "PATCH /api/v1/projects/{pk}",
        "PUT /api/v1/projects/{pk}/plans/{year}",
        "POST /api/v1/projects/{pk}/reports",
        "PATCH /api/v1/projects/milestones/{pk}",
    } <= versioned
    assert versioned <= conflicts
