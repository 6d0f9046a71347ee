"""The 公文 frame of a county's official reports (GB/T 9704-2012) and their numbers.

``ReportFrame`` is what the county administrator sets: the 发文机关标志, the 发文字号
pattern, the 主送机关, the 落款 office, the 成文日期 rule, 密级 and 紧急程度. Each official
report issued takes the next number of its county and year from ``DocumentCounter`` (a row
taken under a lock) and keeps it in ``IssuedReport``, so issuing the same report again gives
the same 发文字号.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, Versioned


class Secrecy(models.TextChoices):
    NONE = "", _("无")
    SECRET = "秘密", _("秘密")
    CONFIDENTIAL = "机密", _("机密")
    TOP_SECRET = "绝密", _("绝密")


class Urgency(models.TextChoices):
    NONE = "", _("无")
    URGENT = "加急", _("加急")
    EXTRA_URGENT = "特急", _("特急")


class ReportFrame(CountyOwned, Versioned):
    """A county's 公文 frame for official reports; one per county."""

    issuer_mark = models.CharField(
        _("发文机关标志"),
        max_length=40,
        help_text=_("红头文字,如“寿阳县发展和改革局文件”或“寿阳县发展和改革局”。"),
    )
    number_pattern = models.CharField(
        _("发文字号格式"),
        max_length=40,
        default="〔{year}〕{n}号",
        help_text=_("{year} 为成文年份,{n} 为当年顺序号,如“寿发改〔{year}〕{n}号”。"),
    )
    addressee = models.CharField(
        _("主送机关"),
        max_length=80,
        default="晋中市人民政府:",
        help_text=_("如“晋中市人民政府:”。"),
    )
    signatory = models.CharField(_("落款机关"), max_length=40, help_text=_("发文机关署名。"))
    date_offset_days = models.PositiveSmallIntegerField(
        _("成文日期(期末后天数)"),
        null=True,
        blank=True,
        help_text=_("成文日期为报告期末后第几天;留空则为签发当天。"),
    )
    secrecy = models.CharField(
        _("密级"), max_length=4, choices=Secrecy.choices, default=Secrecy.NONE, blank=True
    )
    secrecy_term = models.CharField(
        _("保密期限"), max_length=10, blank=True, help_text=_("如“1年”;无密级时不显示。")
    )
    urgency = models.CharField(
        _("紧急程度"), max_length=4, choices=Urgency.choices, default=Urgency.NONE, blank=True
    )

    class Meta:
        verbose_name = _("公文格式设置")
        verbose_name_plural = _("公文格式设置")
        constraints = [
            models.UniqueConstraint(fields=["county"], name="report_frame_one_per_county")
        ]

    def __str__(self) -> str:
        return str(_("公文格式设置"))

    def clean(self) -> None:
        if "{n}" not in self.number_pattern:
            raise ValidationError({"number_pattern": _("发文字号格式须含 {n}(顺序号)。")})
        try:
            self.number_pattern.format(year=2024, n=1)
        except (KeyError, IndexError, ValueError):
            raise ValidationError(
                {"number_pattern": _("发文字号格式只能含 {year} 与 {n}。")}
            ) from None

    def document_number(self, year: int, number: int) -> str:
        return self.number_pattern.format(year=year, n=number)

    def dated_for(self, period_end: datetime.date, today: datetime.date) -> datetime.date:
        if self.date_offset_days is None:
            return today
        return period_end + datetime.timedelta(days=self.date_offset_days)


class DocumentCounter(CountyOwned):
    """The last 发文字号 number a county gave in a year; locked while the next is taken."""

    year = models.PositiveSmallIntegerField(_("年份"))
    last_number = models.PositiveIntegerField(_("已用顺序号"), default=0)

    class Meta:
        verbose_name = _("发文字号计数")
        verbose_name_plural = _("发文字号计数")
        constraints = [
            models.UniqueConstraint(fields=["county", "year"], name="document_counter_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.county_id} {self.year}: {self.last_number}"


class IssuedReport(CountyOwned):
    """An official report issued: its period, 发文字号 and 成文日期."""

    period_key = models.CharField(_("报告期"), max_length=10)
    year = models.PositiveSmallIntegerField(_("发文年份"))
    number = models.PositiveIntegerField(_("顺序号"))
    document_number = models.CharField(_("发文字号"), max_length=60)
    dated = models.DateField(_("成文日期"))
    issued_at = models.DateTimeField(_("签发时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("已签发报告")
        verbose_name_plural = _("已签发报告")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "period_key"], name="issued_report_one_per_period"
            ),
            models.UniqueConstraint(
                fields=["county", "year", "number"], name="issued_report_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.document_number


class ScheduleFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word"
    BOTH = "both", _("PDF 和 Word")


class ReportSchedule(Versioned, CountyOwned):
    """A county's monthly report, generated by the worker on the Nth working day of each
    month (the county's calendar) for the month before, and sent to its recipients through
    the notice channels. ``last_period`` is the month last sent: a month is sent once."""

    enabled = models.BooleanField(_("启用定期发送"), default=True)
    working_day = models.PositiveSmallIntegerField(
        _("每月第几个工作日发送"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(15)],
        help_text=_("上月的月报在本月第N个工作日生成并发送(月报于每月5日前报送)。"),
    )
    format = models.CharField(
        _("格式"), max_length=4, choices=ScheduleFormat.choices, default=ScheduleFormat.PDF
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("接收人")
    )
    last_period = models.CharField(_("最近发送的月份"), max_length=10, blank=True)
    last_sent_at = models.DateTimeField(_("最近发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("月报定期发送")
        verbose_name_plural = _("月报定期发送")
        constraints = [
            models.UniqueConstraint(fields=["county"], name="report_schedule_one_per_county")
        ]

    def __str__(self) -> str:
        return str(_("月报定期发送"))
