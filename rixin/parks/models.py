"""Industrial parks ("三区一基地", "3+2") that projects name, their targets, and the capacity
the projects built in them declare."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from rixin.money import percent
from rixin.projects.choices import ProjectStatus
from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

ZERO = Decimal(0)
CAPACITY = {"max_digits": 12, "decimal_places": 2}
DEFAULT_UNIT = "万吨/年"
# Started but not finished: the projects whose capacity is under construction.
UNDER_WAY = ProjectStatus.STARTED - ProjectStatus.FINISHED


class ParkKind(models.TextChoices):
    DEVELOPMENT_ZONE = "zone", _("开发区")
    INDUSTRIAL = "industrial", _("产业园区")
    LOGISTICS = "logistics", _("物流园区")
    AGRICULTURAL = "agricultural", _("农业园区")
    INTEGRATION = "integration", _("融合发展区")


class Park(CountyOwned, Illustrative, Versioned):
    """A park of a county, named by the projects built in it, with its chain leaders and its
    targets (the revenue target of a "百亿园区" and capacities per product)."""

    name = models.CharField(_("园区名称"), max_length=80)
    kind = models.CharField(_("园区类型"), max_length=20, choices=ParkKind.choices)
    chain = models.CharField(_("主导产业链"), max_length=80, blank=True)
    area = models.DecimalField(
        _("规划面积(平方公里)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    managing_body = models.CharField(_("管理机构"), max_length=80, blank=True)
    revenue_target = models.DecimalField(
        _("营业收入目标(万元)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    chain_leaders = models.ManyToManyField(
        "directory.Enterprise", blank=True, related_name="led_parks", verbose_name=_("链主企业")
    )
    description = models.TextField(_("简介"), blank=True)

    class Meta:
        ordering = ["county", "name"]
        verbose_name = _("园区")
        verbose_name_plural = _("园区")
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="park_unique_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_hundred_billion(self) -> bool:
        """A "百亿园区": its revenue target is 100亿元 (1,000,000 万元) or more."""
        return self.revenue_target is not None and self.revenue_target >= Decimal(1_000_000)


class ParkCapacityQuerySet(models.QuerySet):
    def with_figures(self):
        """Annotate ``built`` (declared by the park's finished projects) and ``under_way``
        (declared by its started, unfinished ones): derived, never typed."""

        def declared(statuses):
            return Coalesce(
                Sum("declarations__amount", filter=Q(declarations__project__status__in=statuses)),
                ZERO,
                output_field=models.DecimalField(**CAPACITY),
            )

        return self.annotate(built=declared(ProjectStatus.FINISHED), under_way=declared(UNDER_WAY))


class ParkCapacity(Illustrative):
    """A capacity target of a park: a product and how much of it a year."""

    park = models.ForeignKey(
        Park, on_delete=models.CASCADE, related_name="capacities", verbose_name=_("园区")
    )
    product = models.CharField(_("产品"), max_length=60)
    amount = models.DecimalField(_("产能"), **CAPACITY)
    unit = models.CharField(_("单位"), max_length=20, default=DEFAULT_UNIT)

    objects = ParkCapacityQuerySet.as_manager()

    class Meta:
        ordering = ["park", "pk"]
        verbose_name = _("园区产能目标")
        verbose_name_plural = _("园区产能目标")
        constraints = [
            models.UniqueConstraint(fields=["park", "product"], name="park_capacity_unique_product")
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.amount.normalize():f}{self.unit}"

    # The shares of the target, from ``with_figures()``.
    @property
    def built_share(self) -> Decimal | None:
        return percent(self.built, self.amount, 1)

    @property
    def under_way_share(self) -> Decimal | None:
        return percent(self.under_way, self.amount, 1)

    @property
    def planned_share(self) -> Decimal | None:
        """Built and under way together, against the target."""
        return percent(self.built + self.under_way, self.amount, 1)


class ProjectCapacity(CountyOwned, Illustrative):
    """The capacity a project of the library adds to one product of its park."""

    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="capacities",
        verbose_name=_("项目"),
    )
    product = models.ForeignKey(
        ParkCapacity,
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("园区产品"),
    )
    amount = models.DecimalField(_("新增产能"), **CAPACITY)
    unit = models.CharField(_("单位"), max_length=20, default=DEFAULT_UNIT)

    objects = CountyScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "pk"]
        verbose_name = _("项目申报产能")
        verbose_name_plural = _("项目申报产能")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "product"], name="project_capacity_unique_product"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="project_capacity_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.product.product} {self.amount.normalize():f}{self.unit}"
