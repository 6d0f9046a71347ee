import pytest

from rixin.workcalendar.calendar import forget


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Each test reads the calendar as its own database holds it (a rolled-back test leaves
    no trace in the in-memory copy)."""
    forget()
    yield
    forget()
