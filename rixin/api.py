"""The JSON API root: /api/v1/, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

import importlib
import importlib.util

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from rixin.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """``Authorization: Bearer rx_…``: a per-user token, stored hashed."""

    def authenticate(self, request, token):
        if not token.startswith("rx_"):
            return None
        match = (
            ApiToken.objects.select_related("user", "user__division")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False, user__is_active=True)
            .first()
        )
        if match is None:
            return None
        ApiToken.objects.filter(pk=match.pk).update(last_used=timezone.now())
        request.user = match.user
        return match.user


api = NinjaAPI(
    title="Rixin 日新 API",
    version="1",
    urls_namespace="api",
    auth=[SessionAuth(), TokenAuth()],
    description="县域经济发展工作平台的 JSON 接口。Session cookie for the browser, Bearer token for integrations.",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "forbidden"}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


API_APPS = [
    "directory",
    "projects",
    "investment",
    "indicators",
    "appeals",
    "approvals",
    "cockpit",
    "reports",
    "parks",
]

for app in API_APPS:
    name = f"rixin.{app}.api"
    if importlib.util.find_spec(name) is not None:
        module = importlib.import_module(name)
        api.add_router(
            f"/{module.PREFIX}/" if hasattr(module, "PREFIX") else f"/{app}/", module.router
        )
