from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction, Outcome


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record_event(AuditAction.LOGIN, acting_user=user, obj=user, county=user.county_code or "")


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record_event(AuditAction.LOGOUT, acting_user=user, obj=user, county=user.county_code or "")


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username", "")
    record_event(
        AuditAction.LOGIN_FAILED,
        acting_user=None,
        anonymous=True,
        username=username,
        outcome=Outcome.FAILURE,
        object_type="accounts.user",
        object_repr=username,
    )
