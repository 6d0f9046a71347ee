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


def _declared_names(request) -> tuple[frozenset[str] | None, frozenset[str]]:
    """The names of the parameters and body fields the operation at ``request`` declares
    (None: no operation found), and of those declared as integers. Only in an integer field is
    a string of digits read as a number (a query value is always a string); anywhere else a
    long digit string (a project code, a phone number) is text. A field the operation does
    not declare is never read, so nothing in it can reach the database."""
    try:
        view = resolve(request.path_info).func
        path_view = next(
            c.cell_contents
            for c in getattr(view, "__closure__", None) or ()
            if hasattr(c.cell_contents, "operations")
        )
    except (Resolver404, StopIteration):
        return None, frozenset()
    return _declared(path_view, request.method)


@functools.cache
def _declared(path_view, method: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names of every field the operation declares, and of those that are integers."""
    names: set[str] = set()
    integers: set[str] = set()

    def walk(schema):
        if isinstance(schema, dict):
            for name, field in (schema.get("properties") or {}).items():
                names.add(name)
                kinds = [field, *field.get("anyOf", [])]
                if any(kind.get("type") == "integer" for kind in kinds):
                    integers.add(name)
            for value in schema.values():
                walk(value)
        elif isinstance(schema, list):
            for value in schema:
                walk(value)

    for operation in path_view.operations:
        if method in operation.methods:
            for model in operation.models:
                walk(model.model_json_schema())
    return frozenset(names), frozenset(integers)


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
            if any(
                part.isdecimal() and int(part) > MAX_INTEGER for part in request.path.split("/")
            ):
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
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code == 404
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            # A path no operation matches (a negative id where the path takes digits):
            # the API's own answer, in JSON, not the site's HTML page.
            return JsonResponse({"detail": "not found"}, status=404)
        return response

    @staticmethod
    def _found(request) -> list[tuple]:
        names, integers = _declared_names(request)

        def declared(values):
            if names is None or not isinstance(values, dict):
                return values
            return {k: v for k, v in values.items() if k in names}

        query = declared({k: request.GET.getlist(k) for k in request.GET})
        found = _nul_bytes(query, ("query",), integers)
        found = [(*loc[:2],) for loc in found]  # the field, not the index of a repeated one
        if request.content_type == "application/json" and request.body:
            try:
                found += _nul_bytes(declared(json.loads(request.body)), ("body",), integers)
            except ValueError:
                return found  # not JSON: the API's parser answers that
        elif request.method == "POST" and request.content_type.startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")
        ):
            form = declared({k: request.POST.getlist(k) for k in request.POST})
            found += [(*loc[:2],) for loc in _nul_bytes(form, ("form",), integers)]
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


# A decimal as a JSON string: what pydantic reads as a Decimal (no exponent, NaN or infinity).
DECIMAL_TEXT = r"^[+-]?(\d+(\.\d*)?|\.\d+)$"


def _declare_input_limits(node) -> None:
    """Declare in the document what the input check refuses anyway: an integer beyond what a
    column holds (InputCheckMiddleware), and a decimal given as a string that is no number."""
    if isinstance(node, list):
        for value in node:
            _declare_input_limits(value)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "integer":
        node.setdefault("minimum", -MAX_INTEGER)
        node.setdefault("maximum", MAX_INTEGER)
    kinds = node.get("anyOf") or []
    if any(kind.get("type") == "number" for kind in kinds):
        for kind in kinds:
            if kind.get("type") == "string":
                kind.setdefault("pattern", DECIMAL_TEXT)
    for value in node.values():
        _declare_input_limits(value)


class RixinAPI(NinjaAPI):
    """The API root. Its OpenAPI document tells the error answers every operation can give,
    which the operations' own ``response=`` does not list: 401 and 403 wherever a login is
    needed, 404 where the path names an object, 409 where a write carries a ``version``, 422
    wherever there is input to refuse."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.get("components", {}).get("schemas", {})
        _declare_input_limits(schema)
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                answers = operation.setdefault("responses", {})
                wanted = []
                if operation.get("security"):
                    wanted += ["401", "403"]
                # A path's object, an id in the query or body, or a module hidden from the
                # account (招商 leads from officers outside the team) answers 404.
                if "{" in path or operation.get("security"):
                    wanted.append("404")
                if _takes_a_version(operation, components):
                    wanted.append("409")
                if operation.get("parameters") or operation.get("requestBody"):
                    wanted.append("422")
                for status in wanted:
                    # An operation may word its own answer (the rules its 422 adds to the
                    # schema's); the body is the same error object.
                    answer = answers.setdefault(status, {"description": _ANSWERS[status]})
                    answer.setdefault(
                        "content",
                        {"application/json": {"schema": _CONFLICT if status == "409" else _ERROR}},
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
