"""Industrial parks ("三区一基地", "3+2") that projects name, and their capacity targets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, Illustrative, Versioned


class ParkKind(models.TextChoices):
    DEVELOPMENT_ZONE = "zone", _("开发区")
    INDUSTRIAL = "industrial", _("产业园区")
    LOGISTICS = "logistics", _("物流园区")
    AGRICULTURAL = "agricultural", _("农业园区")
    INTEGRATION = "integration", _("融合发展区")


class Park(CountyOwned, Illustrative, Versioned):
    """A park of a county, named by the projects built in it."""

    name = models.CharField(_("园区名称"), max_length=80)
    kind = models.CharField(_("园区类型"), max_length=20, choices=ParkKind.choices)
    lead_enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_parks",
        verbose_name=_("龙头企业"),
    )
    description = models.TextField(_("简介"), blank=True)

    class Meta:
        ordering = ["county", "name"]
        verbose_name = _("园区")
        verbose_name_plural = _("园区")
        constraints = [models.UniqueConstraint(fields=["county", "name"], name="park_unique_name")]

    def __str__(self) -> str:
        return self.name


class ParkCapacity(Illustrative):
    """A capacity target of a park: a product and how much of it a year."""

    park = models.ForeignKey(
        Park, on_delete=models.CASCADE, related_name="capacities", verbose_name=_("园区")
    )
    product = models.CharField(_("产品"), max_length=60)
    amount = models.DecimalField(_("产能"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("单位"), max_length=20, default="万吨/年")

    class Meta:
        ordering = ["park", "pk"]
        verbose_name = _("园区产能目标")
        verbose_name_plural = _("园区产能目标")

    def __str__(self) -> str:
        return f"{self.product} {self.amount}{self.unit}"
