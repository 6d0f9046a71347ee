import pytest
from django.test import Client

from rixin.testing import build_personas


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def personas(db):
    return build_personas()


@pytest.fixture
def client_for():
    """client_for(user) → a Client logged in as that user."""

    def make(user):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return make
