"""The system actor never logs in: it has no usable password, and this backend refuses its
name before any password is checked (the refusal is recorded as a failed login)."""

from django.contrib.auth.backends import BaseBackend
from django.core.exceptions import PermissionDenied

from .access import SYSTEM_USERNAME


class RefuseSystemActor(BaseBackend):
    def authenticate(self, request, username=None, **credentials):
        if username is not None and username.strip().lower() == SYSTEM_USERNAME:
            # PermissionDenied stops authentication: no later backend is asked.
            raise PermissionDenied
        return None
