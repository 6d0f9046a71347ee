"""The JSON API root: /api/v1/, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs."""

import functools
import json
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as _NinjaSessionAuth

from rixin import discovery
from rixin.accounts.tokens import user_for_api_token
from rixin.audit.actions import StaleEdit


class SessionAuth(_NinjaSessionAuth):
    """The browser's session cookie. Its CSRF check applies to a logged-in session only: a
    request without one (an integration with a Bearer token, or nobody) has nothing a forged
    cross-site request could ride on."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        user = super().__call__(request)
        if user is not None and user.must_change_password:
            # A temporary password opens nothing but the password page, the API included.
            raise HttpError(403, "password change required")
        return user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer rx_…``: a per-user token, stored hashed."""

    def authenticate(self, request, token):
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


# The largest integer a database column holds (a BIGINT); a larger one in a query or a body
# would reach the database and fail there (a 500) instead of being refused here.
MAX_INTEGER = 2**63 - 1
_INTEGER = re.compile(r"^\s*[+-]?\d+\s*$")


def _integer_names(request) -> frozenset[str]:
    """The names of the parameters and body fields the operation at ``request`` declares as
    integers. Only there is a string of digits read as a number (a query value is always a
    string); anywhere else a long digit string (a project code, a phone number) is text."""
    try:
        view = resolve(request.path_info).func
        path_view = next(
            c.cell_contents
            for c in getattr(view, "__closure__", None) or ()
            if hasattr(c.cell_contents, "operations")
        )
    except (Resolver404, StopIteration):
        return frozenset()
    return _declared_integers(path_view, request.method)


@functools.cache
def _declared_integers(path_view, method: str) -> frozenset[str]:
    names: set[str] = set()

    def walk(schema):
        if isinstance(schema, dict):
            for name, field in (schema.get("properties") or {}).items():
                kinds = [field, *field.get("anyOf", [])]
                if any(kind.get("type") == "integer" for kind in kinds):
                    names.add(name)
            for value in schema.values():
                walk(value)
        elif isinstance(schema, list):
            for value in schema:
                walk(value)

    for operation in path_view.operations:
        if method in operation.methods:
            for model in operation.models:
                walk(model.model_json_schema())
    return frozenset(names)


def _nul_bytes(value, loc: tuple, integers: frozenset[str] = frozenset()) -> list[tuple]:
    """Where ``value`` (decoded JSON or query values) holds a string with a NUL byte, which
    PostgreSQL cannot store in text, or an integer no database column can hold: a JSON
    number anywhere, or a string of digits in a field declared as an integer."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [loc] if abs(value) > MAX_INTEGER else []
    if isinstance(value, str):
        named = next((part for part in reversed(loc) if isinstance(part, str)), "")
        too_big = (
            named in integers and bool(_INTEGER.match(value)) and abs(int(value)) > MAX_INTEGER
        )
        return [loc] if "\x00" in value or too_big else []
    if isinstance(value, dict):
        return [hit for k, v in value.items() for hit in _nul_bytes(v, (*loc, str(k)), integers)]
    if isinstance(value, list):
        return [hit for i, v in enumerate(value) for hit in _nul_bytes(v, (*loc, i), integers)]
    return []


class InputCheckMiddleware:
    """The one input check for every API operation (and Open311): no string, in the query,
    a form or a JSON body, may contain a NUL byte, which PostgreSQL cannot store in text.
    Refused with 422 naming the field, as the API's own validation does, instead of a
    database error (500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Open311 checks its own parameters and answers in the GeoReport error format.
        if request.path.startswith("/api/"):
            if any(part.isdigit() and int(part) > MAX_INTEGER for part in request.path.split("/")):
                return JsonResponse({"detail": "not found"}, status=404)  # no such row can exist
            found = self._found(request)
            if found:
                detail = [
                    {
                        "type": "value_error",
                        "loc": list(loc),
                        "msg": "NUL bytes and integers beyond 2^63-1 are not allowed",
                    }
                    for loc in found
                ]
                return JsonResponse({"detail": detail}, status=422)
        return self.get_response(request)

    @staticmethod
    def _found(request) -> list[tuple]:
        integers = _integer_names(request)
        found = _nul_bytes({k: request.GET.getlist(k) for k in request.GET}, ("query",), integers)
        found = [(*loc[:2],) for loc in found]  # the field, not the index of a repeated one
        if request.content_type == "application/json" and request.body:
            try:
                found += _nul_bytes(json.loads(request.body), ("body",), integers)
            except ValueError:
                return found  # not JSON: the API's parser answers that
        elif request.method == "POST" and request.content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            found += [
                (*loc[:2],)
                for loc in _nul_bytes(
                    {k: request.POST.getlist(k) for k in request.POST}, ("form",), integers
                )
            ]
        return found


_ERROR = {
    "type": "object",
    "properties": {"detail": {}},
    "required": ["detail"],
}
_ANSWERS = {
    "401": "未登录或令牌无效 Not authenticated (no session, or an unknown, revoked or suspended token)",
    "403": "无权访问 Forbidden (the role may not; CSRF; a temporary password)",
    "404": "不存在或不可见 Not found, or not visible to this account",
    "409": "版本冲突 Conflict: the object changed since the ``version`` this write was made from "
    "(read it again); or another writer created the same row first",
    "422": "输入无效 Invalid input; ``detail`` names the field",
}
_CONFLICT = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


def _takes_a_version(operation: dict, components: dict) -> bool:
    """Whether the operation's JSON body declares a ``version`` (an optimistic lock)."""
    content = (operation.get("requestBody") or {}).get("content", {})
    schema = (content.get("application/json") or {}).get("schema") or {}
    ref = schema.get("$ref", "")
    if ref:
        schema = components.get(ref.rsplit("/", 1)[-1], {})
    return "version" in (schema.get("properties") or {})


class RixinAPI(NinjaAPI):
    """The API root. Its OpenAPI document tells the error answers every operation can give,
    which the operations' own ``response=`` does not list: 401 and 403 wherever a login is
    needed, 404 where the path names an object, 409 where a write carries a ``version``, 422
    wherever there is input to refuse."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.get("components", {}).get("schemas", {})
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                answers = operation.setdefault("responses", {})
                wanted = []
                if operation.get("security"):
                    wanted += ["401", "403"]
                if "{" in path:
                    wanted.append("404")
                if _takes_a_version(operation, components):
                    wanted.append("409")
                if operation.get("parameters") or operation.get("requestBody"):
                    wanted.append("422")
                for status in wanted:
                    answers.setdefault(
                        status,
                        {
                            "description": _ANSWERS[status],
                            "content": {
                                "application/json": {
                                    "schema": _CONFLICT if status == "409" else _ERROR
                                }
                            },
                        },
                    )
        return schema


api = RixinAPI(
    title="Rixin 日新 API",
    version="1",
    urls_namespace="api",
    # The token first: a request that carries one is an integration, with no session and no
    # CSRF token; only a request without one is checked as a browser session (with CSRF).
    auth=[TokenAuth(), SessionAuth()],
    description="县域经济发展工作平台的 JSON 接口。Session cookie for the browser, Bearer token for integrations.",
)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "forbidden"}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)


@api.exception_handler(StaleEdit)
def _stale(request, exc):
    """A write made from a stale ``version`` (or beaten by another writer's first row): 409
    with the conflict message, on every versioned write."""
    return api.create_response(request, {"detail": exc.messages[0]}, status=409)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(request, {"detail": detail}, status=422)


# Every installed app's ``api.router``, under ``/api/v1/<label>/`` (or its AppConfig's
# ``api_prefix``; see rixin.discovery).
for config, module in discovery.modules("api"):
    api.add_router(f"/{getattr(config, 'api_prefix', config.label)}/", module.router)
