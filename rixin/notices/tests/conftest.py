import pytest

from rixin.accounts.access import system_actor
from rixin.testing import SHOUYANG

from .servers import MailBox, Recorder


@pytest.fixture
def actor(db):
    return system_actor()


@pytest.fixture
def recorder():
    with Recorder() as server:
        yield server


@pytest.fixture
def smtp(settings):
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    yield box
    controller.stop()


@pytest.fixture
def county():
    return SHOUYANG
