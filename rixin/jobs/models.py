"""A job: large work (an import over the threshold, a city's reports, ``generate_scale``)
queued by a request or a command and run by the one worker (``manage.py work``), with its
progress, its outcome and its result file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import Division


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


# A job the worker may take: queued, or running under a lease that has run out (its worker
# was killed).
OPEN_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A job is its creator's (the system actor sees every one); a county account sees
        only the jobs of its county."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_system_actor:
            return self.all()
        mine = self.filter(created_by=user)
        if user.county_code:
            mine = mine.filter(county_id=user.county_code)
        return mine

    def due(self, now):
        return self.filter(status__in=OPEN_STATUSES, run_after__lte=now).filter(
            Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Job(models.Model):
    kind = models.CharField(_("任务类型"), max_length=40)
    title = models.CharField(_("标题"), max_length=200)
    county = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所属县(市、区)"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("发起人"),
    )
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("已完成"), default=0)
    progress_total = models.PositiveIntegerField(_("总量"), default=0)
    message = models.CharField(_("说明"), max_length=500, blank=True)
    result_file = models.CharField(_("结果文件"), max_length=300, blank=True)
    result_name = models.CharField(_("结果文件名"), max_length=200, blank=True)
    result_link = models.CharField(_("结果链接"), max_length=300, blank=True)
    claim_token = models.CharField(_("领取标记"), max_length=32, blank=True)
    claimed_until = models.DateTimeField(_("领取有效至"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("运行次数"), default=0)
    run_after = models.DateTimeField(_("最早运行时间"), default=timezone.now)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        indexes = [models.Index(fields=["status", "run_after"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
