"""The OpenAPI document tells the answers the operations give."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(personas, client_for):
    return client_for(personas.officer).get("/api/v1/openapi.json").json()


def test_every_operation_documents_its_error_answers(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            if operation.get("security"):
                assert {"401", "403"} <= set(answers), (method, path)
            if "{" in path:
                assert "404" in answers, (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in answers, (method, path)


def test_a_plans_monthly_plan_is_declared_as_the_list_it_is(document):
    field = document["components"]["schemas"]["PlanOut"]["properties"]["monthly_plan"]
    assert "array" in str(field) and "object" not in str(field)
