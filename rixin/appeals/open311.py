"""Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), JSON format, at /open311/v2/.

- ``GET services.json``: the county's public categories (service_code = the category code).
- ``GET requests.json``: public appeals; filters service_request_id, service_code, status
  (open/closed), start_date, end_date (w3c datetimes); without dates, the last 90 days.
- ``GET requests/{id}.json``: one public appeal, as a one-element list.
- ``POST requests.json``: an enterprise user's appeal. The key is the user's Rixin API token
  (profile page → API 令牌), sent as the ``api_key`` form field; it is checked against the
  stored SHA-256, like the Bearer tokens of /api/v1/.

``jurisdiction_id`` is the county code (140725); it may be left out while one county publishes.
Only appeals the county marked public are listed: never complaints, never confidential ones,
never a requester's name or contact. Errors are a JSON list of ``{code, description}``.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import JsonResponse
from django.urls import path
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from rixin.accounts.tokens import user_for_api_token

from . import access, actions
from .choices import AppealKind, Status
from .models import Appeal, Category

MAX_RESULTS = 1000
DEFAULT_DAYS = 90


class Open311Error(Exception):
    def __init__(self, code: int, description: str):
        self.code, self.description = code, description


def _error(code: int, description: str) -> JsonResponse:
    return JsonResponse([{"code": code, "description": description}], status=code, safe=False)


def _answers(view):
    """Turn Open311Error into the specification's error list."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Open311Error as exc:
            return _error(exc.code, exc.description)

    wrapper.__name__ = view.__name__
    return csrf_exempt(wrapper)


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
    parsed = parse_datetime(value.replace(" ", "+"))
    if parsed is None or timezone.is_naive(parsed):
        raise Open311Error(400, f"{name} must be a w3c datetime with a time zone")
    return parsed


@_answers
@require_http_methods(["GET"])
def services(request):
    county = _jurisdiction(request)
    categories = Category.objects.filter(county_id=county, open311=True, is_active=True).order_by(
        "code"
    )
    return JsonResponse(
        [
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
        ],
        safe=False,
    )


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
        start = timezone.now() - datetime.timedelta(days=DEFAULT_DAYS)
    if start is not None:
        queryset = queryset.filter(registered_at__gte=start)
    if end is not None:
        queryset = queryset.filter(registered_at__lte=end)
    return queryset


@_answers
@require_http_methods(["GET", "POST"])
def requests(request):
    if request.method == "POST":
        return _post_request(request)
    county = _jurisdiction(request)
    return JsonResponse(
        [service_request(a) for a in _filtered(request, county)[:MAX_RESULTS]], safe=False
    )


@_answers
@require_http_methods(["GET"])
def request_detail(request, request_id: str):
    county = _jurisdiction(request)
    appeal = _public(county).filter(number=request_id).first()
    if appeal is None:
        raise Open311Error(404, "service_request_id not found")
    return JsonResponse([service_request(appeal)], safe=False)


def _key_user(request):
    user = user_for_api_token(request.POST.get("api_key", ""))
    if user is None:
        raise Open311Error(403, "api_key was not provided or is invalid")
    return user


def _post_request(request):
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
            title=description[:100] if len(description) <= 100 else description[:99] + "…",
            content=description,
            address=address,
            latitude=lat or None,
            longitude=long or None,
        )
    except PermissionDenied as exc:
        raise Open311Error(403, str(exc)) from exc
    except ValidationError as exc:
        raise Open311Error(
            400,
            "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            if hasattr(exc, "error_dict")
            else "; ".join(exc.messages),
        ) from exc
    return JsonResponse(
        [
            {
                "service_request_id": appeal.number,
                "service_notice": _notice(category),
                "account_id": None,
            }
        ],
        status=201,
        safe=False,
    )


urlpatterns = [
    path("services.json", services, name="open311_services"),
    path("requests.json", requests, name="open311_requests"),
    path("requests/<str:request_id>.json", request_detail, name="open311_request"),
]
