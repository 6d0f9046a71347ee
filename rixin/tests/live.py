"""Rixin over real HTTP: gunicorn on a free loopback port, on a SQLite database of its own
(or on the PostgreSQL database ``database_url`` names).

The suite's test client skips the CSRF check and hands the view a ready request; a defect in
how a request is authenticated (a session's CSRF check refusing a Bearer token) only shows
over the wire. ``start_live_rixin`` migrates a fresh database in a temporary folder, builds
the personas through the actions, gives some of them an API token and serves the site with
gunicorn until the generator is closed.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from rixin.testing import PASSWORD

# Run inside ``manage.py shell``: the personas, a token for each named one, as JSON.
_SETUP = """
import json
from rixin.accounts.actions import create_api_token
from rixin.testing import build_personas
p = build_personas()
tokens = {}
for name in ("officer", "enterprise_user", "other_officer", "leader"):
    user = getattr(p, name)
    tokens[name] = create_api_token(user, "live", acting_user=user)[1]
extra = {}
%s
print("LIVE-SETUP " + json.dumps({"tokens": tokens, "usernames": {k: u.username for k, u in p.all().items()}, "extra": extra}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveRixin:
    url: str
    tokens: dict[str, str]
    usernames: dict[str, str]
    env: dict[str, str] = field(repr=False)
    extra: dict = field(default_factory=dict)

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        """Run ``manage.py`` against the live site's database (e.g. to reset a password)."""
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=Path(settings.BASE_DIR),
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )


def start_live_rixin(
    tmp_path: Path,
    *,
    database_url: str | None = None,
    setup: str = "",
    workers: int = 1,
    threads: int = 4,
):
    """A generator for a fixture: yields a ``LiveRixin`` and stops gunicorn afterwards.

    ``setup`` is more code for the shell that builds the personas (``p``): what it puts in
    the dict ``extra`` (JSON) comes back as ``LiveRixin.extra``."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "RIXIN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "rixin.settings",
    }
    for name in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    base = Path(settings.BASE_DIR)

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=base,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )

    manage("migrate", "--noinput", "-v", "0")
    out = manage("shell", "-c", _SETUP % setup).stdout
    data = json.loads(out.split("LIVE-SETUP ", 1)[1])
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "rixin.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=base,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "gunicorn.log").open("w"),
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "gunicorn did not start: " + (tmp_path / "gunicorn.log").read_text()
                    ) from None
                time.sleep(0.2)
        yield LiveRixin(
            f"http://127.0.0.1:{port}", data["tokens"], data["usernames"], env, data["extra"]
        )
    finally:
        server.terminate()
        server.wait(timeout=20)


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict

    def json(self):
        return json.loads(self.body)


class HttpClient:
    """A browser's or an integration's requests, with cookies, over real HTTP."""

    def __init__(self, base: str, token: str | None = None):
        self.base = base
        self.token = token
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    def request(self, method: str, path: str, *, json_body=None, form=None, headers=None):
        headers = dict(headers or {})
        data = None
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if json_body is not None:
            data = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with self.opener.open(req, timeout=30) as response:
                return Answer(response.status, response.read(), dict(response.headers))
        except urllib.error.HTTPError as exc:
            return Answer(exc.code, exc.read(), dict(exc.headers))

    def login(self, username: str, password: str = PASSWORD) -> Answer:
        page = self.request("GET", "/accounts/login/")
        csrf = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
        return self.request(
            "POST",
            "/accounts/login/",
            form={"username": username, "password": password, "csrfmiddlewaretoken": csrf},
            headers={"Referer": self.base + "/accounts/login/"},
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
