import pytest
from django.test import Client

from rixin.testing import build_personas


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _figures_not_cached(settings):
    """A test runs in a transaction that never commits, so the data versions of the cached
    figures never rise in it: the cockpit computes its figures afresh. The tests of the cache
    (rixin/tests/test_figure_cache.py) turn it on and run the commit callbacks."""
    settings.RIXIN_FIGURE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request through LocaleMiddleware leaves its language active in the thread; the next
    test starts in the default language again, whatever the last one asked for."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


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
def demo_rows(django_db_setup, django_db_blocker):
    """The rows ``load_demo`` creates, loaded once per test process: the command runs in a
    transaction that is rolled back, and its rows are kept here (by model) for ``demo``."""
    from django.apps import apps
    from django.core.management import call_command
    from django.db import transaction

    models = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    with django_db_blocker.unblock(), transaction.atomic():
        before = {m: set(m._base_manager.values_list("pk", flat=True)) for m in models}
        call_command("load_demo", verbosity=0)
        rows = {}
        for model in models:
            new = [obj for obj in model._base_manager.order_by("pk") if obj.pk not in before[model]]
            if new:
                rows[model] = new
        transaction.set_rollback(True)
    return rows


@pytest.fixture(scope="module")
def demo(demo_rows, django_db_blocker):
    """The Shouyang demo (``manage.py load_demo``) in the database for every test of a module,
    and gone afterwards. It is loaded once per test process (``demo_rows``) and copied in for
    each module that asks, which takes a fraction of a second."""
    from django.core.management.color import no_style
    from django.db import connection, transaction

    with django_db_blocker.unblock():
        with transaction.atomic():
            for model, objs in demo_rows.items():
                model._base_manager.bulk_create(objs, batch_size=500)
            # Rows inserted with their primary keys do not move PostgreSQL's sequences.
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), list(demo_rows)):
                    cursor.execute(sql)
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo_user(demo):
    """demo_user("sy_leader") → the demo's account of that name."""
    from rixin.accounts.models import User

    return lambda username: User.objects.get(username=username)


@pytest.fixture
def reliability(record_property):
    """reliability("concurrency", cases=8, lost_updates=0) → adds to the counts of that suite
    shown at the end of the run (rixin/tests/reliability.py)."""
    from rixin.tests.reliability import PREFIX

    recorded: dict[str, dict] = {}

    def add(suite: str, **counts: int) -> None:
        if suite not in recorded:
            recorded[suite] = {}
            record_property(PREFIX + suite, recorded[suite])
        for name, value in counts.items():
            recorded[suite][name] = recorded[suite].get(name, 0) + value

    return add


def pytest_terminal_summary(terminalreporter):
    from rixin.tests.reliability import summary_lines

    reports = [r for rs in terminalreporter.stats.values() for r in rs]
    lines = summary_lines(reports)
    if lines:
        terminalreporter.section("reliability suites")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test process, shared by every browser test (rixin/tests/browser.py)."""
    from rixin.tests.browser import launch

    yield from launch()
