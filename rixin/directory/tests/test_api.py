import pytest
from django.test import Client

from rixin.accounts.actions import create_api_token, revoke_api_token
from rixin.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_token_is_stored_hashed_and_works(personas):
    token, key = create_api_token(personas.officer, "数据对接", acting_user=personas.officer)
    assert key not in token.key_hash and ApiToken.hash_key(key) == token.key_hash
    response = Client().get("/api/v1/directory/enterprises", **bearer(key))
    assert response.status_code == 200
    names = [item["name"] for item in response.json()["items"]]
    assert names == ["山西强伟纸业有限公司"]


def test_revoked_token_is_refused(personas):
    token, key = create_api_token(personas.officer, "数据对接", acting_user=personas.officer)
    revoke_api_token(token, acting_user=personas.officer)
    assert Client().get("/api/v1/directory/enterprises", **bearer(key)).status_code == 401


def test_made_up_token_is_refused(personas):
    assert (
        Client().get("/api/v1/directory/enterprises", **bearer("rx_" + "a" * 43)).status_code == 401
    )


def test_api_answers_404_for_another_countys_enterprise(personas):
    _token, key = create_api_token(personas.officer, "x", acting_user=personas.officer)
    response = Client().get(
        f"/api/v1/directory/enterprises/{personas.other_enterprise.pk}", **bearer(key)
    )
    assert response.status_code == 404


def test_api_create_validates_credit_code_in_chinese(personas, client_for):
    response = client_for(personas.officer).post(
        "/api/v1/directory/enterprises",
        data={"name": "甲", "credit_code": "911407251234567890", "industry": "C22"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "统一社会信用代码" in response.json()["detail"]["credit_code"][0]


def test_api_stale_update_is_refused(personas, client_for):
    client = client_for(personas.officer)
    url = f"/api/v1/directory/enterprises/{personas.enterprise.pk}"
    assert (
        client.patch(
            url, data={"version": 1, "address": "甲"}, content_type="application/json"
        ).status_code
        == 200
    )
    response = client.patch(
        url, data={"version": 1, "address": "乙"}, content_type="application/json"
    )
    assert response.status_code == 409 and "其他人已修改" in response.json()["detail"]


def test_openapi_document_lists_the_enterprise_operations(db):
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/directory/enterprises" in paths
