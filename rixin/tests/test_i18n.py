import pytest

pytestmark = pytest.mark.django_db


def test_chinese_is_the_default_language(personas, client_for):
    response = client_for(personas.officer).get("/enterprises/")
    assert '<h1 class="h4 mb-0">企业名录</h1>' in response.text


def test_user_who_chose_english_gets_english_pages_and_error_pages(personas, client_for):
    client = client_for(personas.officer)
    client.post("/accounts/language/", {"language": "en", "next": "/enterprises/"})
    assert "Enterprise directory" in client.get("/enterprises/").text
    forbidden = client.get("/system/users/")
    assert forbidden.status_code == 403 and "Access denied" in forbidden.text
    missing = client.get("/enterprises/999999/")
    assert missing.status_code == 404 and "not found" in missing.text.lower()


def test_error_pages_in_chinese(personas, client_for):
    client = client_for(personas.officer)
    assert "无权访问" in client.get("/system/users/").text
    assert "页面不存在" in client.get("/enterprises/999999/").text
