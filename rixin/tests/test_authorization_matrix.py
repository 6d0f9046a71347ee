"""Every URL pattern against every persona. See rixin/urlmatrix.py."""

import importlib
import json

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from rixin import discovery
from rixin.audit.models import AuditEvent
from rixin.urlmatrix import SHOUYANG_PERSONAS, Route

WRITE_ACTIONS = ("create", "update", "delete", "transition", "import", "security")


def all_routes() -> list[Route]:
    """Every installed app's ``tests/matrix.py`` ROUTES, then the project's own."""
    routes = [route for _, module in discovery.modules("tests.matrix") for route in module.ROUTES]
    return routes + importlib.import_module("rixin.tests.matrix").ROUTES


def url_names(patterns=None, namespace="") -> set[str]:
    names = set()
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


ROUTES = all_routes()


def test_every_url_is_in_the_matrix():
    covered = {route.name for route in ROUTES}
    missing = sorted(url_names() - covered)
    assert not missing, f"URLs without an authorization-matrix entry: {missing}"


def test_the_matrix_names_only_existing_urls():
    stale = sorted({route.name for route in ROUTES} - url_names())
    assert not stale, f"matrix entries for URLs that do not exist: {stale}"


def _request(client: Client, route: Route, kwargs: dict, personas):
    url = reverse(route.name, kwargs=kwargs) + (f"?{route.query}" if route.query else "")
    data = route.data(personas) if callable(route.data) else (route.data or {})
    if route.method == "get":
        return client.get(url)
    if route.name.startswith("api:"):
        return getattr(client, route.method)(
            url, data=json.dumps(data), content_type="application/json"
        )
    return getattr(client, route.method)(url, data=data)


def _writes() -> int:
    return AuditEvent.objects.filter(action__in=WRITE_ACTIONS).count()


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method}:{r.name}")
@pytest.mark.django_db
def test_route(route: Route, personas):
    own, other = route.objects(personas) if route.objects else ({}, None)
    is_api = route.name.startswith("api:")

    # Anonymous: the login page (pages) or 401 (API), and no write.
    if not route.public:
        before = _writes()
        response = _request(Client(), route, own, personas)
        if is_api:
            assert response.status_code == 401, f"anonymous {route.name}: {response.status_code}"
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (
                route.name
            )
        assert _writes() == before

    users = personas.all()
    denied = [name for name in users if name not in route.allowed]
    allowed = [name for name in users if name in route.allowed]
    for name in denied:
        client = Client()
        client.force_login(users[name], backend="django.contrib.auth.backends.ModelBackend")
        before = _writes()
        response = _request(client, route, own, personas)
        expected = route.denied.get(name, 403)
        assert response.status_code == expected, (
            f"{name} on {route.name}: {response.status_code}, expected {expected}"
        )
        assert _writes() == before, f"{name} on {route.name}: a refused request wrote something"

    if other is not None:
        for name in allowed:
            if name not in SHOUYANG_PERSONAS:
                continue
            client = Client()
            client.force_login(users[name], backend="django.contrib.auth.backends.ModelBackend")
            before = _writes()
            response = _request(client, route, other, personas)
            assert response.status_code == 404, (
                f"{name} on another county's object {route.name}: {response.status_code}"
            )
            assert _writes() == before

    for name in allowed:
        client = Client()
        client.force_login(users[name], backend="django.contrib.auth.backends.ModelBackend")
        response = _request(client, route, own, personas)
        assert response.status_code not in (401, 403, 404) and response.status_code < 500, (
            f"{name} on {route.name}: {response.status_code}"
        )
