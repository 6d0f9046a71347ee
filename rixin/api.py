"""The JSON API root: /api/v1/, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from rixin import discovery
from rixin.accounts.tokens import user_for_api_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer rx_…``: a per-user token, stored hashed."""

    def authenticate(self, request, token):
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


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


# Every installed app's ``api.router``, under ``/api/v1/<label>/`` (or its AppConfig's
# ``api_prefix``; see rixin.discovery).
for config, module in discovery.modules("api"):
    api.add_router(f"/{getattr(config, 'api_prefix', config.label)}/", module.router)
