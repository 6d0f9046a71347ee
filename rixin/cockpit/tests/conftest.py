import pytest

DEMO_STEPS = ["directory", "accounts", "parks", "projects", "investment", "indicators", "appeals"]


def load_demo() -> None:
    """The Shouyang demo, loaded the way ``load_demo`` does, step by step."""
    import importlib

    for step in DEMO_STEPS:
        importlib.import_module(f"rixin.demo.{step}").load()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for a test module and removed afterwards."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        load_demo()
        yield
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo_user(demo):
    """demo_user("sy_leader") → the demo's account of that name."""
    from rixin.accounts.models import User

    return lambda username: User.objects.get(username=username)
