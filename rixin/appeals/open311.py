"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) at /open311/v2/, in both of
the specification's formats: every endpoint answers ``.json`` and ``.xml``.

- ``GET discovery.json``: service discovery (the endpoint, its formats, where a key comes from).
- ``GET services.json``: the county's public categories (service_code = the category code).
- ``GET requests.json``: public appeals; filters service_request_id, service_code, status
  (open/closed), start_date, end_date (w3c datetimes); without dates, the 90 days up to the
  newest public request (so a county that published last year still shows its latest).
- ``GET requests/{id}.json``: one public appeal, as a one-element list.
- ``POST requests.json``: an enterprise user's appeal. The key is the user's Rixin API token
  (profile page → API 令牌), sent as the ``api_key`` form field; it is checked against the
  stored SHA-256, like the Bearer tokens of /api/v1/.

``jurisdiction_id`` is the county code (140725); it may be left out while one county publishes.
Only appeals the county marked public are listed: never complaints, never confidential ones,
never a requester's name or contact. Every refusal (400, 403, 404, 405) is the specification's
error list, ``[{code, description}]`` or ``<errors><error>…``, the description starting with
the parameter it is about. The texts keep the limits of every other path (``TEXT_LIMITS``).
"""

from __future__ import annotations

import datetime
import functools
import xml.etree.ElementTree as ET

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt

from rixin.accounts.tokens import user_for_api_token

from . import access, actions
from .choices import AppealKind, Status
from .models import Appeal, Category
from .validation import NUL, TEXT_LIMITS

MAX_RESULTS = 1000
DEFAULT_DAYS = 90
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-01-01T00:00:00+08:00"
FORMATS = {"json": "application/json", "xml": "text/xml"}
# The form fields of a POST, as the action names them.
POSTED_AS = {
    "title": "description",
    "content": "description",
    "address": "address_string",
    "latitude": "lat",
    "longitude": "long",
    "category": "service_code",
}
# The earliest and latest moments a date filter may name (the database's datetime range,
# with a day to spare for the time zone).
EARLIEST = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(9999, 12, 30, tzinfo=datetime.UTC)


class Open311Error(Exception):
    def __init__(self, code: int, description: str):
        self.code, self.description = code, description


def _xml_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xml_response(root: str, item: str, rows: list[dict], status: int) -> HttpResponse:
    """GeoReport's XML: ``<root><item><field>value</field>…</item>…</root>``; None is empty."""
    element = ET.Element(root)
    for row in rows:
        child = ET.SubElement(element, item)
        for key, value in row.items():
            ET.SubElement(child, key).text = _xml_value(value)
    body = ET.tostring(element, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, status=status, content_type="text/xml; charset=utf-8")


def _answer(fmt: str, root: str, item: str, rows: list[dict], status: int = 200) -> HttpResponse:
    if fmt == "xml":
        return _xml_response(root, item, rows, status)
    return JsonResponse(rows, status=status, safe=False)


def _error(fmt: str, code: int, description: str) -> HttpResponse:
    return _answer(fmt, "errors", "error", [{"code": code, "description": description}], code)


def _refuse_nul(request) -> None:
    for data in (request.GET, request.POST):
        for name, values in data.lists():
            if NUL in name or any(NUL in value for value in values):
                raise Open311Error(400, f"{name.replace(NUL, '')}: must not contain NUL characters")


def _answers(*methods: str):
    """Refuse other methods (405) and NUL characters (400); turn Open311Error into the
    specification's error list, in the format the path names."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, fmt: str = "json", **kwargs):
            try:
                if request.method not in methods:
                    response = _error(
                        fmt,
                        405,
                        f"method {request.method} not allowed; use {' or '.join(methods)}",
                    )
                    response["Allow"] = ", ".join(methods)
                    return response
                _refuse_nul(request)
                return view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as exc:
                return _error(fmt, exc.code, exc.description)

        return csrf_exempt(wrapper)

    return decorate


def _jurisdiction(request) -> str:
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("jurisdiction_id", "").strip()
    publishing = set(
        Category.objects.filter(open311=True, is_active=True).values_list("county_id", flat=True)
    )
    if not code:
        if len(publishing) == 1:
            return publishing.pop()
        raise Open311Error(400, "jurisdiction_id was not provided")
    if code not in publishing:
        raise Open311Error(404, "jurisdiction_id not found")
    return code


def _w3c(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _expected(deadline: datetime.date | None) -> str | None:
    if deadline is None:
        return None
    return _w3c(timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(23, 59, 59))))


def _notice(category: Category) -> str:
    return f"{category.deadline_days}个工作日内答复"


def service_request(appeal: Appeal) -> dict:
    """One appeal as a GeoReport v2 service request. No requester, no contact."""
    closed = appeal.status == Status.CLOSED
    return {
        "service_request_id": appeal.number,
        "status": "closed" if closed else "open",
        "status_notes": appeal.answer_solution
        if appeal.answered_at
        else appeal.get_status_display(),
        "service_name": appeal.category.name,
        "service_code": appeal.category.code,
        "description": appeal.title,
        "agency_responsible": appeal.lead_department.name if appeal.lead_department_id else "",
        "service_notice": _notice(appeal.category),
        "requested_datetime": _w3c(appeal.registered_at or appeal.submitted_at),
        "updated_datetime": _w3c(getattr(appeal, "updated", None)),
        "expected_datetime": _expected(appeal.deadline),
        "address": appeal.address,
        "address_id": None,
        "zipcode": None,
        "lat": float(appeal.latitude) if appeal.latitude is not None else None,
        "long": float(appeal.longitude) if appeal.longitude is not None else None,
        "media_url": None,
    }


def _public(county_code: str):
    return (
        Appeal.objects.open311_public()
        .filter(county_id=county_code)
        .select_related("category", "lead_department")
        .annotate(updated=Max("transitions__at"))
        .order_by("-registered_at")
    )


def _date_param(request, name: str) -> datetime.datetime | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        parsed = parse_datetime(value.replace(" ", "+"))
        in_utc = parsed.astimezone(datetime.UTC) if parsed and timezone.is_aware(parsed) else None
    except (ValueError, OverflowError) as exc:
        raise Open311Error(400, f"{name} is not a valid date and time") from exc
    if in_utc is None:
        raise Open311Error(400, f"{name} must be a w3c datetime with a time zone")
    if not EARLIEST <= in_utc <= LATEST:
        raise Open311Error(400, f"{name} must lie between the years 1900 and 9999")
    return in_utc


@_answers("GET")
def discovery(request, fmt: str):
    """Service discovery: where the endpoint is, what it speaks, how to get a key."""
    base = request.build_absolute_uri(reverse("open311_discovery").rsplit("/", 1)[0] + "/")
    endpoint = {
        "specification": SPECIFICATION,
        "url": base,
        "changeset": CHANGESET,
        "type": "production",
        "formats": list(FORMATS.values()),
    }
    found = {
        "changeset": CHANGESET,
        "contact": "县营商环境局、工商联 (the county's business-environment bureau)",
        "key_service": "api_key: " + request.build_absolute_uri(reverse("profile")),
    }
    if fmt == "json":
        return JsonResponse({**found, "endpoints": [endpoint]})
    root = ET.Element("discovery")
    for key, value in found.items():
        ET.SubElement(root, key).text = value
    element = ET.SubElement(ET.SubElement(root, "endpoints"), "endpoint")
    for key, value in endpoint.items():
        if key == "formats":
            formats = ET.SubElement(element, "formats")
            for kind in value:
                ET.SubElement(formats, "format").text = kind
        else:
            ET.SubElement(element, key).text = value
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


@_answers("GET")
def services(request, fmt: str):
    county = _jurisdiction(request)
    categories = Category.objects.filter(county_id=county, open311=True, is_active=True).order_by(
        "code"
    )
    rows = [
        {
            "service_code": c.code,
            "service_name": c.name,
            "description": c.description or _notice(c),
            "metadata": False,
            "type": "batch",
            "keywords": c.get_kind_display(),
            "group": str(c.county),
        }
        for c in categories
    ]
    return _answer(fmt, "services", "service", rows)


def _filtered(request, county: str):
    queryset = _public(county)
    ids = [i for i in request.GET.get("service_request_id", "").split(",") if i.strip()]
    if ids:
        return queryset.filter(number__in=[i.strip() for i in ids])
    codes = [c.strip() for c in request.GET.get("service_code", "").split(",") if c.strip()]
    if codes:
        queryset = queryset.filter(category__code__in=codes)
    statuses = {s.strip() for s in request.GET.get("status", "").split(",") if s.strip()}
    if statuses - {"open", "closed"}:
        raise Open311Error(400, "status must be open or closed")
    if statuses == {"open"}:
        queryset = queryset.exclude(status=Status.CLOSED)
    elif statuses == {"closed"}:
        queryset = queryset.filter(status=Status.CLOSED)
    start, end = _date_param(request, "start_date"), _date_param(request, "end_date")
    if start is None and end is None:
        newest = queryset.values_list("registered_at", flat=True).first()
        if newest is None:
            return queryset
        start = newest - datetime.timedelta(days=DEFAULT_DAYS)
    if start is not None:
        queryset = queryset.filter(registered_at__gte=start)
    if end is not None:
        queryset = queryset.filter(registered_at__lte=end)
    return queryset


@_answers("GET", "POST")
def requests(request, fmt: str):
    if request.method == "POST":
        return _post_request(request, fmt)
    county = _jurisdiction(request)
    rows = [service_request(a) for a in _filtered(request, county)[:MAX_RESULTS]]
    return _answer(fmt, "service_requests", "request", rows)


@_answers("GET")
def request_detail(request, request_id: str, fmt: str):
    county = _jurisdiction(request)
    appeal = _public(county).filter(number=request_id).first()
    if appeal is None:
        raise Open311Error(404, "service_request_id not found")
    return _answer(fmt, "service_requests", "request", [service_request(appeal)])


def _key_user(request):
    user = user_for_api_token(request.POST.get("api_key", ""))
    if user is None:
        raise Open311Error(403, "api_key was not provided or is invalid")
    return user


def _described(exc: ValidationError) -> str:
    """The action's refusal, each message after the POST field it is about."""
    if not hasattr(exc, "error_dict"):
        return "; ".join(exc.messages)
    found: dict[str, list[str]] = {}
    for name, messages in exc.message_dict.items():
        field = POSTED_AS.get(name, name)
        found.setdefault(field, [])
        found[field] += [m for m in messages if m not in found[field]]
    return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in found.items())


def _title(description: str) -> str:
    limit = TEXT_LIMITS["title"]
    return description if len(description) <= limit else description[: limit - 1] + "…"


def _post_request(request, fmt: str):
    user = _key_user(request)
    county = _jurisdiction(request)
    if not access.submits_in_county(user, county):
        raise Open311Error(403, "api_key may not submit requests in this jurisdiction")
    code = request.POST.get("service_code", "").strip()
    if not code:
        raise Open311Error(400, "service_code was not provided")
    category = Category.objects.filter(
        county_id=county, code=code, open311=True, is_active=True, kind=AppealKind.APPEAL
    ).first()
    if category is None:
        raise Open311Error(404, "service_code not found")
    lat, long = request.POST.get("lat", "").strip(), request.POST.get("long", "").strip()
    address = request.POST.get("address_string", "").strip()
    if not (address or (lat and long) or request.POST.get("address_id", "").strip()):
        raise Open311Error(
            400, "a location (lat & long, address_string or address_id) was not provided"
        )
    description = request.POST.get("description", "").strip()
    try:
        appeal = actions.submit_appeal(
            acting_user=user,
            category=category,
            title=_title(description),
            content=description,
            address=address,
            latitude=lat or None,
            longitude=long or None,
        )
    except PermissionDenied as exc:
        raise Open311Error(403, str(exc)) from exc
    except ValidationError as exc:
        raise Open311Error(400, _described(exc)) from exc
    row = {"service_request_id": appeal.number, "service_notice": _notice(category)}
    return _answer(fmt, "service_requests", "request", [{**row, "account_id": None}], 201)


def _both(route: str, view, name: str) -> list:
    """``route.json`` and ``route.xml``: the JSON one keeps the plain name."""
    return [
        path(f"{route}.json", view, {"fmt": "json"}, name=name),
        path(f"{route}.xml", view, {"fmt": "xml"}, name=f"{name}_xml"),
    ]


urlpatterns = [
    *_both("discovery", discovery, "open311_discovery"),
    *_both("services", services, "open311_services"),
    *_both("requests", requests, "open311_requests"),
    *_both("requests/<str:request_id>", request_detail, "open311_request"),
]
