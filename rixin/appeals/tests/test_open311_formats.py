"""GeoReport v2's required XML format, service discovery, and its error lists for every
refusal (405 included), in JSON and in XML."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from rixin.accounts.actions import create_api_token
from rixin.appeals import actions
from rixin.appeals.models import Appeal

from .factories import answered, category, moment
from .test_open311 import JULY, REQUEST_FIELDS


def _xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ET.fromstring(response.content)


def test_services_xml_lists_the_same_services_as_json(personas):
    category(personas)
    client = Client()
    json_rows = client.get("/open311/v2/services.json").json()
    root = _xml(client.get("/open311/v2/services.xml"))
    assert root.tag == "services"
    [service] = root.findall("service")
    assert {child.tag: child.text for child in service} == {
        key: (str(value).lower() if isinstance(value, bool) else value)
        for key, value in json_rows[0].items()
    }


def test_requests_xml_carry_every_field(personas):
    shown = actions.publish_appeal(
        answered(personas, at=moment("2024-07-03")), True, acting_user=personas.gongshanglian
    )
    root = _xml(Client().get("/open311/v2/requests.xml", JULY))
    assert root.tag == "service_requests"
    [request] = root.findall("request")
    assert {child.tag for child in request} == REQUEST_FIELDS
    assert request.findtext("service_request_id") == shown.number
    assert request.findtext("status") == "open"
    assert request.findtext("zipcode") == ""  # no value: an empty element
    detail = _xml(Client().get(f"/open311/v2/requests/{shown.number}.xml"))
    assert detail.find("request").findtext("service_request_id") == shown.number


def test_a_post_to_requests_xml_answers_in_xml(personas):
    category(personas)
    key = create_api_token(personas.enterprise_user, "o", acting_user=personas.enterprise_user)[1]
    response = Client().post(
        "/open311/v2/requests.xml",
        {"api_key": key, "service_code": "yaosu", "address_string": "x", "description": "y"},
    )
    assert response.status_code == 201
    request = _xml(response).find("request")
    assert request.findtext("service_request_id") == Appeal.objects.get().number


def test_errors_in_xml_are_the_specifications_error_list(personas):
    category(personas)
    response = Client().get("/open311/v2/requests/nope.xml")
    assert response.status_code == 404
    root = _xml(response)
    assert root.tag == "errors"
    [error] = root.findall("error")
    assert (error.findtext("code"), error.findtext("description")) == (
        "404",
        "service_request_id not found",
    )


@pytest.mark.parametrize(
    "method, path",
    [
        ("delete", "/open311/v2/requests.json"),
        ("put", "/open311/v2/requests.json"),
        ("post", "/open311/v2/services.json"),
        ("post", "/open311/v2/discovery.json"),
        ("patch", "/open311/v2/requests/140725-202407-001.json"),
    ],
)
def test_a_method_not_allowed_is_a_json_error_list(personas, method, path):
    category(personas)
    response = getattr(Client(), method)(path)
    assert response.status_code == 405
    assert response["Allow"]
    [error] = response.json()
    assert error["code"] == 405 and method.upper() in error["description"]


def test_a_method_not_allowed_on_an_xml_endpoint_is_an_xml_error_list(personas):
    category(personas)
    response = Client().delete("/open311/v2/services.xml")
    assert response.status_code == 405
    assert _xml(response).find("error").findtext("code") == "405"


def test_service_discovery_names_the_endpoint_and_its_formats(personas):
    category(personas)
    client = Client()
    found = client.get("/open311/v2/discovery.json").json()
    assert set(found) == {"changeset", "contact", "key_service", "endpoints"}
    [endpoint] = found["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["type"] == "production"
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}
    root = _xml(client.get("/open311/v2/discovery.xml"))
    assert root.tag == "discovery"
    assert root.find("endpoints/endpoint/specification").text == endpoint["specification"]
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == endpoint[
        "formats"
    ]


def test_without_dates_the_newest_public_requests_are_listed(personas):
    """The demo's appeals are from July 2024: a reader who gives no dates still sees them
    (the 90 days up to the newest public request)."""
    shown = actions.publish_appeal(
        answered(personas, at=moment("2024-07-03")), True, acting_user=personas.gongshanglian
    )
    rows = Client().get("/open311/v2/requests.json").json()
    assert [r["service_request_id"] for r in rows] == [shown.number]


@pytest.mark.django_db
def test_a_reader_of_the_demo_sees_its_public_appeals():
    from rixin.demo import appeals as demo_appeals
    from rixin.demo import directory as demo_directory

    demo_directory.load()
    demo_appeals.load()
    client = Client()
    rows = client.get("/open311/v2/requests.json").json()
    assert len(rows) == 3 and {r["status"] for r in rows} <= {"open", "closed"}
    assert len(_xml(client.get("/open311/v2/requests.xml")).findall("request")) == 3
