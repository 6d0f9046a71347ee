"""The home page and the error pages."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse

from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction, Outcome
from rixin.navigation import entries_for


def home(request):
    """Each user lands on the first page their role has (the cockpit, for county staff)."""
    entries = entries_for(request.user)
    if entries:
        return redirect(entries[0]["url"])
    return render(request, "home.html")


@login_not_required
def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def permission_denied(request, exception=None):
    user = getattr(request, "user", None)
    record_event(
        AuditAction.DENIED,
        acting_user=user if user is not None and user.is_authenticated else None,
        outcome=Outcome.DENIED,
        object_type="url",
        object_repr=request.path[:200],
        message=f"{request.method} {request.path}"[:500],
    )
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", {"home": reverse("home")}, status=500)
