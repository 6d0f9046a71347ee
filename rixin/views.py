"""The home page, the error pages, and the one form-page helper every module's create and
edit views use."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction, Outcome
from rixin.navigation import entries_for


def form_page(
    request,
    form,
    template: str,
    *,
    save: Callable[[Any], Any],
    success_message: str | Callable[[Any], str],
    success_url: str | Callable[[Any], str],
    context: dict | None = None,
):
    """Bind, validate, call the action, then redirect with a message, or render the form with
    the action's errors on it. ``save(form)`` calls the action and returns the saved object;
    ``success_message`` and ``success_url`` may be computed from that object."""
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form)
        except ValidationError as exc:
            from rixin.forms import add_action_error

            add_action_error(form, exc)
        else:
            text = success_message(obj) if callable(success_message) else success_message
            if text:
                messages.success(request, text)
            return redirect(success_url(obj) if callable(success_url) else success_url)
    return render(request, template, {"form": form, **(context or {})})


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
        anonymous=user is None or not user.is_authenticated,
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
