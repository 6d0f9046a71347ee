"""Administrative divisions (GB/T 2260) and the tenancy every domain row carries."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import level_of, validate_division_code

if TYPE_CHECKING:
    from rixin.accounts.models import User


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("地级")
    COUNTY = "county", _("县级")


class DivisionQuerySet(models.QuerySet):
    def counties(self):
        return self.filter(level=DivisionLevel.COUNTY)


class Division(models.Model):
    """A province, city or county of GB/T 2260. The code is the key, so that a
    county-owned row's ``county_id`` is the county code itself."""

    code = models.CharField(
        _("行政区划代码"), max_length=6, primary_key=True, validators=[validate_division_code]
    )
    name = models.CharField(_("名称"), max_length=50)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    level = models.CharField(_("级别"), max_length=10, choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级"),
    )
    is_illustrative = models.BooleanField(_("示例数据"), default=False)
    lon = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("区划中心点的经度(度)。"),
    )
    lat = models.DecimalField(
        _("纬度"),
        max_digits=8,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("区划中心点的纬度(度)。"),
    )
    valid_from = models.DateField(_("启用日期"), null=True, blank=True)
    valid_until = models.DateField(
        _("停用日期"), null=True, blank=True, help_text=_("区划撤销或改用新代码前的最后一天。")
    )

    objects = DivisionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_division_code(self.code)
        if level_of(self.code) != self.level:
            from django.core.exceptions import ValidationError

            raise ValidationError({"level": _("代码与级别不符。")})

    @property
    def display_name(self) -> str:
        from django.utils.translation import get_language

        return (
            self.name_en if (get_language() or "").startswith("en") and self.name_en else self.name
        )

    @property
    def code_prefix(self) -> str:
        """The leading digits every division under this one shares."""
        return {"province": self.code[:2], "city": self.code[:4]}.get(self.level, self.code)

    def county_codes(self) -> list[str]:
        """Codes of the counties this division covers (itself, for a county)."""
        if self.level == DivisionLevel.COUNTY:
            return [self.code]
        if self.level == DivisionLevel.CITY:
            return list(Division.objects.filter(parent_id=self.code).values_list("code", flat=True))
        return list(
            Division.objects.filter(
                parent__parent_id=self.code, level=DivisionLevel.COUNTY
            ).values_list("code", flat=True)
        )

    @property
    def city(self) -> Division | None:
        if self.level == DivisionLevel.COUNTY:
            return self.parent
        return self if self.level == DivisionLevel.CITY else None

    @property
    def is_ended(self) -> bool:
        return self.valid_until is not None

    def name_on(self, date: datetime.date) -> str:
        """The name in force on ``date``: the old name of the first rename after it, else the
        current name. Past its end (or before its start) a division keeps the name it bore
        last (or first)."""
        later = self.changes.filter(effective_date__gt=date).exclude(old_name="")
        first = later.order_by("effective_date", "pk").values_list("old_name", flat=True).first()
        return first or self.name

    def successor_on(self, date: datetime.date) -> Division:
        """The division that carries this one's place on ``date`` (following code changes)."""
        division = self
        for _step in range(20):  # a chain of code changes is short; never loop forever
            if division.valid_until is None or date <= division.valid_until:
                return division
            change = (
                division.changes.filter(successor__isnull=False)
                .order_by("-effective_date")
                .select_related("successor")
                .first()
            )
            if change is None:
                return division
            division = change.successor
        return division


class DivisionChangeKind(models.TextChoices):
    RENAME = "rename", _("更名")
    REDESIGNATION = "redesignation", _("撤县设区(市)")
    MERGER = "merger", _("合并")
    ABOLITION = "abolition", _("撤销")


class DivisionChange(models.Model):
    """A change of division recorded by an administrator, with the date it took effect. A
    rename keeps the division (its code is the key every county-owned row points at) and
    keeps the old name here; a new code or a merger ends the old division and names its
    successor."""

    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="changes", verbose_name=_("行政区划")
    )
    kind = models.CharField(_("变更类型"), max_length=20, choices=DivisionChangeKind.choices)
    effective_date = models.DateField(_("生效日期"))
    old_name = models.CharField(_("原名称"), max_length=50, blank=True)
    old_code = models.CharField(_("原代码"), max_length=6, blank=True)
    new_name = models.CharField(_("新名称"), max_length=50, blank=True)
    new_code = models.CharField(_("新代码"), max_length=6, blank=True)
    successor = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessor_changes",
        verbose_name=_("承继区划"),
    )
    document = models.CharField(_("批准文件"), max_length=200, blank=True)
    reason = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("登记人"),
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        ordering = ["division", "effective_date", "pk"]
        verbose_name = _("区划变更")
        verbose_name_plural = _("区划变更")

    def __str__(self) -> str:
        return f"{self.old_name or self.old_code} → {self.new_name or self.new_code}"


class CountyScopedQuerySet(models.QuerySet):
    """The one place that decides which county-owned rows a user may see."""

    def visible_to(self, user: User):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_system_actor:
            return self.all()
        if user.reads_county_data:
            codes = user.visible_county_codes()
            if len(codes) == 1:
                return self.filter(county_id=codes[0])
            return self.filter(county_id__in=codes)
        if user.is_enterprise_user and user.enterprise_id:
            return self.for_enterprise(user.enterprise_id)
        return self.none()

    def for_enterprise(self, enterprise_id: int):
        """Rows an enterprise user may read. Nothing, unless a model says otherwise."""
        return self.none()

    def in_county(self, county_code: str):
        return self.filter(county_id=county_code)


class CountyOwned(models.Model):
    """Abstract base of every domain row: it belongs to one county."""

    county = models.ForeignKey(
        Division,
        on_delete=models.PROTECT,
        related_name="%(app_label)s_%(class)s_set",
        limit_choices_to={"level": DivisionLevel.COUNTY},
        verbose_name=_("县(市、区)"),
    )

    objects = CountyScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class Illustrative(models.Model):
    """Abstract: a row invented to fill the demo, never a published fact."""

    is_illustrative = models.BooleanField(
        _("示例数据"), default=False, help_text=_("为演示而编造的数据,并非公开发布的事实。")
    )

    class Meta:
        abstract = True


class Versioned(models.Model):
    """Abstract: an edit names the version it was made from (optimistic locking)."""

    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True
