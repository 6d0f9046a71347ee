import pytest
from django.test import Client

from rixin.testing import build_personas


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _shipped_divisions(request):
    """Divisions come from a migration; a transactional test empties the database
    afterwards, so put them back for the tests that follow."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db"} & set(request.fixturenames):
        return
    request.getfixturevalue("db")
    from rixin.regions.data import load_divisions
    from rixin.regions.models import Division

    if not Division.objects.filter(code="140725").exists():
        load_divisions(Division)


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


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test process, shared by every browser test (rixin/tests/browser.py)."""
    from rixin.tests.browser import launch

    yield from launch()
