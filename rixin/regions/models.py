"""Administrative divisions (GB/T 2260) and the tenancy every domain row carries."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
