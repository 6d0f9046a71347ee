"""The holiday calendar as tables.

Two layers:

* ``SpecialDay`` — what an administrator edits: one row per date that differs from a plain
  Monday-to-Friday week (a 休 on a weekday, a 班 on a weekend, or a named festival day). A
  row without a county is the national schedule (the State Council's notice); a row with a
  county is that county's own override of the national day.
* ``WorkDay`` — what the deadline arithmetic reads: one row per date of a calendar, from the
  first covered year to the year after the last one, with ``is_working`` and ``index``, the
  running ordinal of working days (the first working day of the table is 1; a day off carries
  the index of the working day before it). So

      working days after a, up to and including b  =  index(b) − index(a)
      the n-th working day after a                  =  the working row whose index is index(a) + n

  and SQL answers both with a subquery, no loop. The national calendar has ``county`` NULL; a
  county that has overrides or years of its own gets a full calendar of its own (the national
  one with its overrides laid over it), so a lookup for a county is "its rows if it has any,
  else the national rows" (``Coalesce`` of two subqueries in SQL). ``rebuild`` in
  ``calendar.py`` writes ``WorkDay`` again in the same transaction as every change.

``CalendarYear`` records which years are covered and on whose word; a day in a year no
``CalendarYear`` covers is counted Monday-to-Friday and marked provisional.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rixin.accounts.roles import Role

from .choices import DayKind, YearSource


class CalendarQuerySet(models.QuerySet):
    def national(self):
        return self.filter(county__isnull=True)

    def of(self, county_code: str | None):
        """The rows of one calendar: a county's own, or the national one for ``None``."""
        return self.filter(county_id=county_code) if county_code else self.national()

    def visible_to(self, user):
        """The system administrator (and the system actor) edits the national schedule; a
        county administrator edits the overrides of their own county."""
        if not user.is_authenticated:
            return self.none()
        if user.role in (Role.SYSTEM, Role.SYSTEM_ADMIN):
            return self.of(None)
        if user.role == Role.COUNTY_ADMIN and user.county_code:
            return self.of(user.county_code)
        return self.none()


def one_per_calendar(fields: list[str], name: str) -> list[models.UniqueConstraint]:
    """``fields`` (with ``county``) unique once in the national calendar (``county`` NULL,
    which a plain unique constraint would let repeat) and once in each county's."""
    return [
        models.UniqueConstraint(
            fields=[f for f in fields if f != "county"],
            condition=Q(county__isnull=True),
            name=f"{name}_national",
        ),
        models.UniqueConstraint(
            fields=fields, condition=Q(county__isnull=False), name=f"{name}_county"
        ),
    ]


class CalendarYear(models.Model):
    """A year whose schedule is in the table, and where it came from."""

    year = models.PositiveSmallIntegerField(_("年份"))
    county = models.ForeignKey(
        "regions.Division",
        verbose_name=_("县"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空:全国安排"),
    )
    source = models.CharField(_("来源"), max_length=20, choices=YearSource.choices)
    notice = models.CharField(_("通知文号"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = CalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("已录入年份")
        verbose_name_plural = _("已录入年份")
        ordering = ["year"]
        constraints = one_per_calendar(["year", "county"], "calendar_year")

    def __str__(self) -> str:
        return f"{self.year}" + (f" {self.county_id}" if self.county_id else "")


class SpecialDay(models.Model):
    """A date that differs from a plain Monday-to-Friday week (see the module docstring)."""

    date = models.DateField(_("日期"))
    county = models.ForeignKey(
        "regions.Division",
        verbose_name=_("县"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空:全国安排"),
    )
    kind = models.CharField(_("类型"), max_length=1, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=60, blank=True)

    objects = CalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("节假日与调休日")
        verbose_name_plural = _("节假日与调休日")
        ordering = ["date"]
        constraints = one_per_calendar(["date", "county"], "special_day")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.kind} {self.name}".strip()

    @property
    def is_working(self) -> bool:
        return self.kind == DayKind.WORKING


class WorkDay(models.Model):
    """One date of a calendar with its running working-day index (see the module docstring).
    Derived from ``SpecialDay`` and ``CalendarYear``; only ``calendar.rebuild`` writes it."""

    date = models.DateField(_("日期"))
    county = models.ForeignKey(
        "regions.Division",
        verbose_name=_("县"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_working = models.BooleanField(_("工作日"))
    name = models.CharField(_("名称"), max_length=60, blank=True)
    index = models.PositiveIntegerField(_("工作日序号"))
    provisional = models.BooleanField(
        _("暂定"), default=False, help_text=_("所在年份尚未录入,按周一至周五计")
    )

    objects = CalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")
        ordering = ["county", "date"]
        constraints = one_per_calendar(["county", "date"], "work_day")
        indexes = [models.Index(fields=["county", "index"], name="work_day_index")]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} #{self.index}"
