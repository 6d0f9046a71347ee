"""Real local servers for the channel tests: an HTTP server that records what the robot
webhooks and the SMS gateway receive (and can fail the first N requests, or answer
slowly), and an SMTP server (aiosmtpd)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *, fail_first: int = 0, delay: float = 0.0, answer: dict | None = None):
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[dict] = []
        self.accepted_keys: list[str] = []  # each key once: the gateway honours the key
        self.repeats: list[str] = []
        self.fail_first = fail_first
        self.delay = delay
        self.answer = answer if answer is not None else {"errcode": 0, "errmsg": "ok"}
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        server: Recorder = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        parts = urlsplit(self.path)
        record = {
            "path": parts.path,
            "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
            "headers": dict(self.headers),
            "json": json.loads(body or b"{}"),
        }
        with server.lock:
            server.requests.append(record)
            failing = len(server.requests) <= server.fail_first
        if server.delay:
            time.sleep(server.delay)
        if failing:
            self.send_response(503)
            self.end_headers()
            self.wfile.write(b"busy")
            return
        key = self.headers.get("Idempotency-Key", "")
        with server.lock:
            if key in server.accepted_keys:
                server.repeats.append(key)
            else:
                server.accepted_keys.append(key)
        payload = json.dumps(server.answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


class MailBox:
    """An aiosmtpd handler keeping every message it receives, parsed and as it came."""

    def __init__(self):
        self.messages = []
        self.raw: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        from email import message_from_bytes, policy

        self.raw.append(envelope.content)
        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"
