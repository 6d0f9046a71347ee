"""The security policy is read once per request, and a change applies on the next request."""

import contextlib

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from rixin.accounts.actions import update_security_policy
from rixin.accounts.models import SecurityPolicy
from rixin.testing import PASSWORD

pytestmark = pytest.mark.django_db


def policy_queries(queries) -> int:
    return sum("accounts_securitypolicy" in q["sql"] for q in queries.captured_queries)


def test_a_failed_login_reads_the_policy_once(personas, client):
    with CaptureQueriesContext(connection) as queries:
        client.post("/accounts/login/", {"username": "sy_fagai", "password": "wrong-Pass-1"})
    assert policy_queries(queries) == 1


def test_a_logged_in_page_reads_the_policy_at_most_once(personas, client):
    client.post("/accounts/login/", {"username": "sy_fagai", "password": PASSWORD})
    with CaptureQueriesContext(connection) as queries:
        client.get("/projects/")
    assert policy_queries(queries) <= 1


@contextlib.contextmanager
def requests_without_closing_the_connection():
    """The request signals as Django's test client sends them: without
    close_old_connections, which would close the test's connection (and its transaction) on
    a database with health checks or a connection age."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@requests_without_closing_the_connection()
def test_a_change_of_policy_applies_on_the_next_request(personas):
    request_started.send(sender=None)
    assert SecurityPolicy.current().idle_minutes == 30
    update_security_policy({"idle_minutes": 15}, acting_user=personas.secadmin)
    assert SecurityPolicy.current().idle_minutes == 15  # the same request sees its own change
    request_finished.send(sender=None)
    SecurityPolicy.objects.update(idle_minutes=20)  # a change made by another process
    request_started.send(sender=None)
    assert SecurityPolicy.current().idle_minutes == 20
    request_finished.send(sender=None)


def test_outside_a_request_the_policy_is_read_every_time(personas):
    SecurityPolicy.current()
    SecurityPolicy.objects.update(idle_minutes=25)
    SecurityPolicy.objects.get_or_create(defaults={"idle_minutes": 25})
    assert SecurityPolicy.current().idle_minutes == 25
