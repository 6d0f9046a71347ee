"""The indicator catalogue, published observations, annual targets and their revisions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rixin.money import format_percent, wan_to_yi, yi_to_wan
from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from .choices import MONEY_UNITS, Frequency, ObservationStatus, RevisionKind, Unit
from .periods import Period

# Growth rates are published with one decimal (6.2%, 9.0%) unless they come with more.
PUBLISHED_RATE_PLACES = 1

RATE_MIN, RATE_MAX = Decimal(-100), Decimal(1000)


class IndicatorQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The standard catalogue, plus the indicators of the counties the user may see."""
        if user is None or not user.is_authenticated or not user.reads_county_data:
            return self.none()
        return self.filter(Q(county__isnull=True) | Q(county_id__in=user.visible_county_codes()))

    def for_county(self, county_code: str):
        return self.filter(Q(county__isnull=True) | Q(county_id=county_code))

    def standard(self):
        return self.filter(county__isnull=True)


class Indicator(models.Model):
    """An economic indicator as the statistics bureaus publish it. Without a county it is part
    of the standard set every county reports; with one, a county's own addition."""

    code = models.SlugField(_("指标代码"), max_length=40, unique=True)
    name = models.CharField(_("指标名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=120, blank=True)
    unit = models.CharField(_("单位"), max_length=10, choices=Unit.choices)
    frequency = models.CharField(
        _("频率"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    is_cumulative = models.BooleanField(_("累计值"), default=True)
    publishes_value = models.BooleanField(
        _("公布数值"), default=True, help_text=_("否:只公布增速(如规上工业增加值)。")
    )
    decimal_places = models.PositiveSmallIntegerField(_("小数位数"), default=2)
    is_ranked = models.BooleanField(
        _("列入全市排位"), default=True, help_text=_("全市按增速对各县(市、区)排位。")
    )
    higher_is_better = models.BooleanField(_("增速越高越好"), default=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("上级指标"),
        help_text=_("如限上消费品零售额是社会消费品零售总额的一部分,简报中写作“其中”。"),
    )
    display_order = models.PositiveSmallIntegerField(_("排列顺序"), default=100)
    county = models.ForeignKey(
        "regions.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"level": "county"},
        verbose_name=_("自设指标所属县"),
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "code"]
        verbose_name = _("指标")
        verbose_name_plural = _("指标")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        english = (get_language() or "").startswith("en")
        return self.name_en if english and self.name_en else self.name

    @property
    def is_money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def stored_unit(self) -> str:
        """Money is stored in 万元; everything else in the unit it is published in."""
        return Unit.WAN if self.is_money else self.unit

    def publishes_in(self, period: Period) -> bool:
        """A quarterly indicator is published for the quarters' last months only."""
        return self.frequency != Frequency.QUARTERLY or period.is_quarter_end

    def to_stored(self, number: Decimal) -> Decimal:
        """A number in the published unit → the stored number (亿元 → 万元)."""
        return yi_to_wan(number) if self.unit == Unit.YI else number

    def to_published(self, stored: Decimal | None) -> Decimal | None:
        if stored is None:
            return None
        return wan_to_yi(stored) if self.unit == Unit.YI else stored

    def clean(self) -> None:
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("上级指标不能是指标本身。")})
        if self.parent and self.parent.county_id not in (None, self.county_id):
            raise ValidationError({"parent": _("上级指标须是标准指标或本县的指标。")})


class ObservationQuerySet(CountyScopedQuerySet):
    def published(self):
        return self.filter(status=ObservationStatus.PUBLISHED)

    def in_period(self, period: Period):
        return self.filter(year=period.year, month=period.month)

    def up_to(self, period: Period):
        return self.filter(Q(year__lt=period.year) | Q(year=period.year, month__lte=period.month))

    def before(self, period: Period):
        return self.filter(Q(year__lt=period.year) | Q(year=period.year, month__lt=period.month))

    def in_city(self, city_code: str):
        return self.filter(county__parent_id=city_code)


class Observation(CountyOwned, Illustrative, Versioned):
    """A county's figure for one indicator and period, as the statistics bureau published it:
    the cumulative value (may be empty) and the official year-on-year rate, which cannot be
    recomputed from the values (comparable prices)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="observations", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    month = models.PositiveSmallIntegerField(
        _("截至月份"), help_text=_("累计期的最后一个月:上半年为6。")
    )
    value = models.DecimalField(
        _("数值"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("货币以万元存储。"),
    )
    rate = models.DecimalField(
        _("同比增速(%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    rate_places = models.PositiveSmallIntegerField(
        _("增速小数位数"),
        default=PUBLISHED_RATE_PLACES,
        help_text=_("增速按公布时的小数位数显示(9.0%不写作9%)。"),
    )
    source = models.CharField(_("来源"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=ObservationStatus.choices,
        default=ObservationStatus.PUBLISHED,
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator__display_order", "county", "year", "month"]
        verbose_name = _("指标数据")
        verbose_name_plural = _("指标数据")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "indicator", "year", "month"], name="observation_unique_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.county_id} {self.indicator_id} {self.period.key}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.month)

    @property
    def published_rate(self) -> str:
        """The rate as published, with its decimals: "9.0%"; "—" when there is none."""
        return format_percent(self.rate, self.rate_places, fixed=True)

    @property
    def published_value(self) -> Decimal | None:
        """The value in the indicator's own unit (亿元 for GDP)."""
        return self.indicator.to_published(self.value)

    def clean(self) -> None:
        errors = {}
        try:
            period = Period(self.year, self.month)
        except (TypeError, ValueError) as exc:
            errors["month"] = str(exc)
        else:
            if not self.indicator.publishes_in(period):
                errors["month"] = _("“%(name)s”按季度公布,截至月份应为3、6、9或12月") % {
                    "name": self.indicator.name
                }
        if self.indicator.county_id not in (None, self.county_id):
            errors["indicator"] = _("“%(name)s”是其他县自设的指标") % {"name": self.indicator.name}
        errors.update(check_figures(self.indicator, self.value, self.rate))
        if self.value is None and self.rate is None:
            errors["rate"] = _("数值和增速至少填写一项")
        if errors:
            raise ValidationError(errors)


def check_figures(indicator: Indicator, value, rate) -> dict[str, str]:
    """The rules a value and a rate must keep, as {field: message}."""
    errors = {}
    if value is not None and not indicator.publishes_value:
        errors["value"] = _("“%(name)s”只公布增速,不应填写数值") % {"name": indicator.name}
    if rate is not None and not RATE_MIN <= rate <= RATE_MAX:
        errors["rate"] = _("增速%(rate)s%%超出范围,应在-100%%到1000%%之间") % {"rate": rate}
    return errors


class Target(CountyOwned, Illustrative, Versioned):
    """A county's annual growth target for one indicator (e.g. GDP +6.5%)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="targets", verbose_name=_("指标")
    )
    year = models.PositiveSmallIntegerField(_("年份"))
    growth = models.DecimalField(_("增长目标(%)"), max_digits=7, decimal_places=2)

    objects = CountyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["county", "year", "indicator__display_order"]
        verbose_name = _("年度目标")
        verbose_name_plural = _("年度目标")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "indicator", "year"], name="target_unique_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.county_id} {self.indicator_id} {self.year}: {self.growth}%"

    def clean(self) -> None:
        if self.growth is not None and not RATE_MIN <= self.growth <= RATE_MAX:
            raise ValidationError({"growth": _("增长目标应在-100%到1000%之间")})


class ObservationRevision(models.Model):
    """A correction or a change of status of an observation: what it was, what it became,
    who changed it and why."""

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("指标数据")
    )
    kind = models.CharField(_("类型"), max_length=12, choices=RevisionKind.choices)
    old_value = models.DecimalField(
        _("原数值"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    new_value = models.DecimalField(
        _("新数值"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    old_rate = models.DecimalField(
        _("原增速"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    new_rate = models.DecimalField(
        _("新增速"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    old_status = models.CharField(_("原状态"), max_length=10, blank=True)
    new_status = models.CharField(_("新状态"), max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    time = models.DateTimeField(_("时间"), auto_now_add=True)
    reason = models.CharField(_("原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["-time", "-pk"]
        verbose_name = _("指标数据修订")
        verbose_name_plural = _("指标数据修订")

    def __str__(self) -> str:
        return f"{self.observation} {self.get_kind_display()}"
