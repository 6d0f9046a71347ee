"""The menu is built once per request, however many templates the page renders with the
request: a project's page renders its panels (parks, funds, approvals) that way."""

import pytest

from rixin import navigation
from rixin.projects.tests.factories import project

pytestmark = pytest.mark.django_db


def test_a_project_page_builds_its_menu_once(personas, client_for, monkeypatch):
    item = project(personas.transport, name="旅游公路")
    calls = []
    entries_for = navigation.entries_for

    def counted(user):
        calls.append(user)
        return entries_for(user)

    monkeypatch.setattr(navigation, "entries_for", counted)
    response = client_for(personas.leader).get(f"/projects/{item.pk}/?year=2024&month=6")
    assert response.status_code == 200
    assert len(calls) == 1
    assert 'data-nav="project_list"' in response.text


def test_the_menu_follows_a_change_of_language_within_a_request(personas, rf):
    from django.utils import translation

    request = rf.get("/")
    request.user = personas.leader
    with translation.override("zh-hans"):
        chinese = list(navigation.navigation(request)["nav_groups"])
    with translation.override("en"):
        english = list(navigation.navigation(request)["nav_groups"])
    assert chinese != english


def test_menu_addresses_follow_the_script_prefix(personas):
    from django.urls import set_script_prefix

    plain = navigation.entries_for(personas.leader)
    set_script_prefix("/rixin/")
    try:
        prefixed = navigation.entries_for(personas.leader)
    finally:
        set_script_prefix("/")
    assert [e["url"] for e in prefixed] == ["/rixin" + e["url"] for e in plain]
    assert navigation.entries_for(personas.leader) == plain
