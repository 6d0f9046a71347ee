"""GeoReport v2, field by field."""

import datetime

import pytest
from django.test import Client

from rixin.accounts.actions import create_api_token
from rixin.appeals import actions
from rixin.appeals.models import Appeal

from .factories import answered, category, complaint, dispatched, moment

REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
JULY = {"start_date": "2024-07-01T00:00:00+08:00", "end_date": "2024-07-31T23:59:59+08:00"}


def _public(appeal, personas):
    return actions.publish_appeal(appeal, True, acting_user=personas.gongshanglian)


def test_services_lists_the_public_categories_with_every_field(personas):
    category(personas)
    category(personas, kind="complaint", code="fuwu")
    response = Client().get("/open311/v2/services.json")
    assert response.status_code == 200
    assert response.json() == [
        {
            "service_code": "yaosu",
            "service_name": "要素保障",
            "description": "5个工作日内答复",
            "metadata": False,
            "type": "batch",
            "keywords": "企业诉求",
            "group": "寿阳县",
        }
    ]


def test_requests_show_only_public_appeals_field_by_field(personas):
    shown = _public(answered(personas, at=moment("2024-07-03")), personas)
    dispatched(personas, at=moment("2024-07-04"))  # not public
    _public(dispatched(personas, at=moment("2024-08-04")), personas)  # outside the dates
    response = Client().get("/open311/v2/requests.json", JULY)
    rows = response.json()
    assert [r["service_request_id"] for r in rows] == [shown.number]
    row = rows[0]
    assert set(row) == REQUEST_FIELDS
    assert row["status"] == "open"
    assert row["status_notes"] == shown.answer_solution
    assert (row["service_code"], row["service_name"]) == ("yaosu", "要素保障")
    assert row["description"] == shown.title
    assert row["agency_responsible"] == personas.officer.department.name
    assert row["service_notice"] == "5个工作日内答复"
    assert row["requested_datetime"] == "2024-07-03T10:00:00+08:00"
    assert row["expected_datetime"] == "2024-07-10T23:59:59+08:00"
    assert datetime.datetime.fromisoformat(row["updated_datetime"]).tzinfo is not None


def test_requests_never_show_complaints_or_personal_data(personas):
    category(personas)
    appeal = complaint(personas, at=moment("2024-07-03"))
    Appeal.objects.filter(pk=appeal.pk).update(is_public=True)  # even if someone forced it
    body = Client().get("/open311/v2/requests.json", JULY).content.decode()
    assert body == "[]"
    shown = _public(dispatched(personas, at=moment("2024-07-03")), personas)
    body = Client().get("/open311/v2/requests.json", JULY).content.decode()
    assert shown.number in body and personas.enterprise.name not in body and "投诉人甲" not in body


def test_requests_filter_by_status_and_service_code(personas):
    closed = answered(personas, at=moment("2024-07-03"))
    actions.mark_answer(
        closed,
        acting_user=personas.enterprise_user,
        satisfaction="satisfied",
        resolution="resolved",
    )
    _public(closed, personas)
    _public(dispatched(personas, at=moment("2024-07-05")), personas)
    client = Client()
    assert [
        r["status"]
        for r in client.get("/open311/v2/requests.json", {**JULY, "status": "closed"}).json()
    ] == ["closed"]
    assert [
        r["status"]
        for r in client.get("/open311/v2/requests.json", {**JULY, "status": "open"}).json()
    ] == ["open"]
    assert client.get("/open311/v2/requests.json", {**JULY, "service_code": "other"}).json() == []


def test_one_request_is_a_one_element_list_and_an_unknown_one_is_a_404_error(personas):
    shown = _public(dispatched(personas, at=moment("2024-07-03")), personas)
    hidden = dispatched(personas, at=moment("2024-07-03"))
    client = Client()
    rows = client.get(f"/open311/v2/requests/{shown.number}.json").json()
    assert len(rows) == 1 and rows[0]["service_request_id"] == shown.number
    response = client.get(f"/open311/v2/requests/{hidden.number}.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "service_request_id not found"}]


def _post(data):
    return Client().post("/open311/v2/requests.json", data)


def _key(user):
    return create_api_token(user, "open311", acting_user=user)[1]


def test_a_post_with_a_valid_key_submits_an_appeal(personas):
    category(personas)
    response = _post(
        {
            "api_key": _key(personas.enterprise_user),
            "service_code": "yaosu",
            "address_string": "寿阳县朝阳工业园",
            "description": "天然气管道接入迟迟未办",
        }
    )
    assert response.status_code == 201
    [row] = response.json()
    appeal = Appeal.objects.get(number=row["service_request_id"])
    assert appeal.enterprise == personas.enterprise and appeal.status == "submitted"
    assert row == {
        "service_request_id": appeal.number,
        "service_notice": "5个工作日内答复",
        "account_id": None,
    }


@pytest.mark.parametrize("key", ["", "rx_not-a-key"])
def test_a_post_without_a_valid_key_is_a_403_error_and_writes_nothing(personas, key):
    category(personas)
    response = _post(
        {"api_key": key, "service_code": "yaosu", "address_string": "x", "description": "y"}
    )
    assert response.status_code == 403
    assert response.json() == [
        {"code": 403, "description": "api_key was not provided or is invalid"}
    ]
    assert not Appeal.objects.exists()


def test_a_post_with_an_unknown_service_code_is_an_error_in_the_specifications_format(personas):
    category(personas)
    response = _post(
        {
            "api_key": _key(personas.enterprise_user),
            "service_code": "nope",
            "address_string": "x",
            "description": "y",
        }
    )
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "service_code not found"}]
    assert not Appeal.objects.exists()


def test_a_post_without_a_location_or_with_markup_is_refused(personas):
    category(personas)
    key = _key(personas.enterprise_user)
    assert _post({"api_key": key, "service_code": "yaosu", "description": "y"}).status_code == 400
    response = _post(
        {
            "api_key": key,
            "service_code": "yaosu",
            "address_string": "x",
            "description": "<script>x</script>",
        }
    )
    assert response.status_code == 400 and response.json()[0]["code"] == 400
    assert not Appeal.objects.exists()


def test_an_officers_key_may_not_submit(personas):
    category(personas)
    response = _post(
        {
            "api_key": _key(personas.officer),
            "service_code": "yaosu",
            "address_string": "x",
            "description": "y",
        }
    )
    assert response.status_code == 403
    assert not Appeal.objects.exists()
