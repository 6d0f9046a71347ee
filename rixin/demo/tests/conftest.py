import pytest


def load_shouyang() -> None:
    """Every step of ``load_demo`` before the city step, in its order."""
    from rixin import discovery
    from rixin.regions.data import load_divisions
    from rixin.regions.models import Division

    load_divisions(Division)
    for _label, module in discovery.demo_steps():
        if module.__name__ != "rixin.demo.city":
            module.load()


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
