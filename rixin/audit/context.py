"""Where a write comes from: the request's IP and id, kept for the audit record."""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Origin:
    ip: str | None = None
    request_id: str = ""
    channel: str = "web"  # web, api, command


_COMMAND = Origin(channel="command")
_origin: contextvars.ContextVar[Origin | None] = contextvars.ContextVar(
    "rixin_origin", default=None
)


def current_origin() -> Origin:
    return _origin.get() or _COMMAND


def client_ip(request) -> str | None:
    if getattr(settings, "RIXIN_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.META.get("HTTP_X_REQUEST_ID", "")[:64] or uuid.uuid4().hex
        channel = "api" if request.path.startswith(("/api/", "/open311/")) else "web"
        request.request_id = request_id
        token = _origin.set(Origin(ip=client_ip(request), request_id=request_id, channel=channel))
        try:
            response = self.get_response(request)
        finally:
            _origin.reset(token)
        response["X-Request-ID"] = request_id
        return response
