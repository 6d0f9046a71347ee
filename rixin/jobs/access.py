"""Who may see a job and who runs it.

Whether a person may start a kind of job is the owning app's rule (registered with the
kind, see ``registry``); here: a job is seen by the person who started it (in their county,
for a county account) and by the system actor; only the worker (the system actor) runs
jobs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from rixin.accounts.access import is_system, require_actor

from .models import Job


def job_or_404(user, pk: int) -> Job:
    """The job if it is ``user``'s; 404 for anyone else's, never a hint that it exists."""
    return get_object_or_404(Job.objects.visible_to(user).select_related("county"), pk=pk)


def check_allowed(kind, user, params: dict) -> None:
    require_actor(user)
    if not kind.allowed(user, params):
        raise PermissionDenied(_("无权发起该后台任务。"))


def check_worker(user) -> None:
    require_actor(user)
    if not is_system(user):
        raise PermissionDenied(_("只有系统任务可以运行后台任务。"))
