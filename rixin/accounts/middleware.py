import time

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import SecurityPolicy

_EXEMPT_PREFIXES = (
    "/static/",
    "/i18n/",
    "/accounts/logout/",
    "/accounts/password/",
    "/api/",
    "/open311/",
)


class IdleTimeoutMiddleware:
    """Log a session out after the policy's idle minutes without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            last = request.session.get("last_activity")
            if last is not None and now - last > SecurityPolicy.current().idle_minutes * 60:
                from rixin.audit.actions import record_event
                from rixin.audit.models import AuditAction

                record_event(AuditAction.LOGOUT, acting_user=user, message="idle timeout")
                logout(request)
                messages.info(request, _("您已长时间未操作,为安全起见已自动退出,请重新登录。"))
                return redirect(f"{reverse('login')}?next={request.path}")
            # Refresh the mark at most once a minute: a session write on every request
            # would cost every page a database write.
            if last is None or now - last > 60:
                request.session["last_activity"] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """An account created or reset by an administrator must set its own password first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_change_password
            and not request.path.startswith(_EXEMPT_PREFIXES)
        ):
            return redirect("password_change")
        return self.get_response(request)


class UserLanguageMiddleware:
    """A logged-in user's chosen language wins over the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class LoginRequiredMiddleware(_DjangoLoginRequired):
    """Pages need a login; the API and Open311 answer 401 in their own format instead."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(("/api/", "/open311/")):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
