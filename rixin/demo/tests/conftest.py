import pytest

SHOUYANG_STEPS = [
    "directory",
    "accounts",
    "parks",
    "projects",
    "investment",
    "indicators",
    "appeals",
]


def load_shouyang() -> None:
    """The Shouyang steps of ``load_demo``, in its order."""
    import importlib

    from rixin.regions.data import load_divisions
    from rixin.regions.models import Division

    load_divisions(Division)
    for step in SHOUYANG_STEPS:
        importlib.import_module(f"rixin.demo.{step}").load()


@pytest.fixture(scope="module")
def city_demo(django_db_setup, django_db_blocker):
    """Shouyang's demo, then the city step, loaded once for a test module and rolled back
    afterwards; yields what the city step returned."""
    from django.db import transaction

    from rixin.demo import city

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        load_shouyang()
        yield city.load()
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
