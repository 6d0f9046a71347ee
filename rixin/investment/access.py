"""Who may use the pages of 招商引资.

Leads and activities are confidential: officers of other departments get 404 — to them the
pages do not exist — and roles outside the county (city, province, enterprise, administrators)
get 403. Teams, targets, events, agreements and KPIs are read by every county-data reader;
city and province viewers thus see the aggregates but never a lead.
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from rixin.accounts.roles import Role

from .models import sees_leads, writes_investment


def reviews_leads(user) -> bool:
    return sees_leads(user) and (user.role == Role.LEADER or writes_investment(user))


def _gate(user, may) -> None:
    if sees_leads(user) and may(user):
        return
    if user.is_authenticated and user.role == Role.OFFICER and not sees_leads(user):
        raise Http404
    raise PermissionDenied


def confidential(may=sees_leads):
    """Decorate a lead or activity view; ``may`` narrows it (e.g. to writers)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            _gate(request.user, may)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def check_api(user, may=sees_leads) -> None:
    _gate(user, may)
