"""Hostile input on every path an appeal comes in by (the actions, the page, the API and
Open311): the same limits, a 4xx naming the field, and nothing written."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from rixin.accounts.actions import create_api_token
from rixin.appeals import actions
from rixin.appeals.models import Appeal
from rixin.appeals.validation import TEXT_LIMITS

from .factories import category, registered

BIG_ID = 2**63
LONG = "长" * 100_000


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'test', acting_user=user)[1]}"}


def _submit(personas, **fields):
    values = {"category": category(personas), "title": "标题", "content": "内容", **fields}
    return actions.submit_appeal(acting_user=personas.enterprise_user, **values)


# ---------------------------------------------------------------- the actions


@pytest.mark.parametrize("field", ["title", "content", "address"])
def test_a_nul_byte_is_refused_with_the_field_named(personas, field):
    with pytest.raises(ValidationError) as caught:
        _submit(personas, **{field: "前\x00后"})
    assert field in caught.value.message_dict
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("field", ["title", "content", "address"])
def test_a_text_over_its_limit_is_refused_by_the_action(personas, field):
    with pytest.raises(ValidationError) as caught:
        _submit(personas, **{field: "字" * (TEXT_LIMITS[field] + 1)})
    assert field in caught.value.message_dict
    assert not Appeal.objects.exists()
    assert _submit(personas, **{field: "字" * TEXT_LIMITS[field]}).pk


@pytest.mark.parametrize(
    "latitude, longitude, field",
    [
        ("91", "113", "latitude"),
        ("-90.5", "113", "latitude"),
        ("37", "500", "longitude"),
        ("37", "-180.01", "longitude"),
        ("nan", "113", "latitude"),
        ("37", "东经", "longitude"),
        ("37", None, "longitude"),
    ],
)
def test_coordinates_outside_the_globe_are_refused(personas, latitude, longitude, field):
    with pytest.raises(ValidationError) as caught:
        _submit(personas, latitude=latitude, longitude=longitude)
    assert field in caught.value.message_dict
    assert not Appeal.objects.exists()


def test_coordinates_on_the_globe_are_kept(personas):
    appeal = _submit(personas, latitude="90", longitude="-180")
    appeal.refresh_from_db()
    assert (float(appeal.latitude), float(appeal.longitude)) == (90.0, -180.0)


# ---------------------------------------------------------------- the page


def test_the_form_refuses_coordinates_outside_the_globe(personas, client_for):
    category(personas)
    response = client_for(personas.enterprise_user).post(
        "/appeals/new/",
        {
            "category": category(personas).pk,
            "title": "t",
            "content": "c",
            "latitude": "91",
            "longitude": "500",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"latitude", "longitude"}
    assert not Appeal.objects.exists()


def test_the_form_keeps_coordinates_on_the_globe(personas, client_for):
    response = client_for(personas.enterprise_user).post(
        "/appeals/new/",
        {
            "category": category(personas).pk,
            "title": "t",
            "content": "c",
            "latitude": "37.88",
            "longitude": "113.17",
        },
    )
    assert response.status_code == 302
    assert float(Appeal.objects.get().latitude) == 37.88


def test_the_form_and_the_action_share_one_limit(personas):
    from rixin.appeals.forms import RegisterForm, SubmitForm

    for form_class in (SubmitForm, RegisterForm):
        form = form_class(county_code="140725")
        for name in ("title", "content", "address"):
            assert form.fields[name].max_length == TEXT_LIMITS[name]


# ---------------------------------------------------------------- the API


def _api_create(personas, payload, user=None):
    return Client().post(
        "/api/v1/appeals/appeals",
        {"category": category(personas).pk, "title": "t", "content": "c", **payload},
        content_type="application/json",
        **_bearer(user or personas.enterprise_user),
    )


@pytest.mark.parametrize("field", ["title", "content", "address"])
def test_the_api_refuses_a_nul_byte_naming_the_field(personas, field):
    response = _api_create(personas, {field: "a\x00b"})
    assert response.status_code in (400, 422)
    assert field in response.content.decode()
    assert not Appeal.objects.exists()


def test_the_api_refuses_a_nul_byte_in_a_desk_field(personas):
    response = _api_create(personas, {"complainant_name": "张\x00三"}, user=personas.gongshanglian)
    assert response.status_code in (400, 422) and "complainant_name" in response.text
    assert not Appeal.objects.exists()


def test_the_api_refuses_a_100000_character_content(personas):
    response = _api_create(personas, {"content": LONG})
    assert response.status_code == 422 and "content" in response.text
    assert not Appeal.objects.exists()


def test_the_api_refuses_a_nul_byte_in_a_list_filter(personas):
    response = Client().get(
        "/api/v1/appeals/appeals", {"status": "a\x00b"}, **_bearer(personas.gongshanglian)
    )
    assert response.status_code == 422 and "status" in response.text


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"step": "dispatch", "lead": BIG_ID}, "lead"),
        ({"step": "dispatch", "lead": 1, "co": [BIG_ID]}, "co"),
        ({"step": "merge", "master": BIG_ID}, "master"),
        ({"step": "dispatch", "lead": -BIG_ID - 1}, "lead"),
    ],
)
def test_the_api_refuses_ids_beyond_64_bits_in_a_step_naming_the_field(personas, payload, field):
    appeal = registered(personas)
    response = Client().post(
        f"/api/v1/appeals/appeals/{appeal.pk}/transitions",
        payload,
        content_type="application/json",
        **_bearer(personas.gongshanglian),
    )
    assert response.status_code == 422, response.content
    assert field in response.text
    assert Appeal.objects.get(pk=appeal.pk).status == "registered"


@pytest.mark.parametrize("field", ["category", "enterprise", "complained_department"])
def test_the_api_refuses_ids_beyond_64_bits_when_opening(personas, field):
    response = _api_create(personas, {field: BIG_ID}, user=personas.gongshanglian)
    assert response.status_code == 422 and field in response.text
    assert not Appeal.objects.exists()


def test_a_step_note_over_its_limit_is_refused_by_the_api(personas):
    appeal = registered(personas)
    response = Client().post(
        f"/api/v1/appeals/appeals/{appeal.pk}/transitions",
        {"step": "dispatch", "lead": personas.officer.department.pk, "note": LONG},
        content_type="application/json",
        **_bearer(personas.gongshanglian),
    )
    assert response.status_code == 422 and "note" in response.text


# ---------------------------------------------------------------- Open311


def _open311_post(personas, **data):
    category(personas)
    key = create_api_token(personas.enterprise_user, "o", acting_user=personas.enterprise_user)[1]
    values = {"api_key": key, "service_code": "yaosu", "description": "天然气接入迟迟未办"}
    return Client().post("/open311/v2/requests.json", {**values, **data})


@pytest.mark.parametrize(
    "lat, long, named",
    [("91", "500", "lat"), ("37", "500", "long"), ("-91", "113", "lat"), ("x", "113", "lat")],
)
def test_open311_refuses_coordinates_outside_the_globe(personas, lat, long, named):
    response = _open311_post(personas, lat=lat, long=long)
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400 and error["description"].startswith(f"{named}:")
    assert not Appeal.objects.exists()


def test_open311_refuses_a_100000_character_description(personas):
    response = _open311_post(personas, address_string="x", description=LONG)
    assert response.status_code == 400
    [error] = response.json()
    assert error["description"].startswith("description:")
    assert str(TEXT_LIMITS["content"]) in error["description"]
    assert not Appeal.objects.exists()


@pytest.mark.parametrize("field", ["description", "address_string", "service_code", "api_key"])
def test_open311_refuses_a_nul_byte_naming_the_field(personas, field):
    response = _open311_post(personas, **{"address_string": "x", field: "a\x00b"})
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith(f"{field}:")
    assert not Appeal.objects.exists()


def test_open311_refuses_a_nul_byte_in_a_query(personas):
    category(personas)
    response = Client().get("/open311/v2/requests.json", {"service_code": "a\x00"})
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("service_code:")


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+08:00",
        "9999-12-31T23:59:59-08:00",
        "2024-13-01T00:00:00+08:00",
        "2024-02-30T00:00:00+08:00",
        "99999-01-01T00:00:00+08:00",
        "2024-07-01T00:00:00+99:00",
    ],
)
@pytest.mark.parametrize("name", ["start_date", "end_date"])
def test_open311_refuses_dates_out_of_range_naming_the_parameter(personas, name, value):
    category(personas)
    response = Client().get("/open311/v2/requests.json", {name: value})
    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400 and error["description"].startswith(name)
