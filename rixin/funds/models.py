"""Fiscal support funds: programmes, their allocations to enterprises and projects, and the
disbursements (拨付) of each allocation. Amounts are Decimal 万元."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from .choices import FundSource

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0")


def _sum(queryset, field: str = "amount") -> Decimal:
    return queryset.aggregate(
        s=Coalesce(Sum(field), ZERO, output_field=models.DecimalField(**MONEY))
    )["s"]


class ProgrammeQuerySet(CountyScopedQuerySet):
    def for_enterprise(self, enterprise_id: int):
        # An enterprise sees the programmes it received money from, nothing else.
        return self.filter(allocations__enterprise_id=enterprise_id).distinct()


class Programme(CountyOwned, Illustrative, Versioned):
    """A fund a county manages in a year: 固体废物回收资金, 优势产业提能行动, 专项债券 …"""

    name = models.CharField(_("资金名称"), max_length=120)
    source = models.CharField(_("资金来源"), max_length=20, choices=FundSource.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    amount = models.DecimalField(_("资金总额(万元)"), **MONEY)
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="fund_programmes",
        verbose_name=_("主管部门"),
    )
    itemised = models.BooleanField(
        _("按企业列示"),
        default=False,
        help_text=_("在报告中按企业逐项列示(如“强伟纸业项目资金2000万元”),否则按资金名称合计。"),
    )
    note = models.TextField(_("说明"), blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["county", "-year", "name"]
        verbose_name = _("资金项目")
        verbose_name_plural = _("资金项目")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "name"], name="funds_programme_unique_name"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="funds_programme_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.name}"

    def allocated(self) -> Decimal:
        return _sum(self.allocations.all())


class AllocationQuerySet(CountyScopedQuerySet):
    def for_enterprise(self, enterprise_id: int):
        return self.filter(enterprise_id=enterprise_id)


class Allocation(CountyOwned, Illustrative, Versioned):
    """Money of a programme set aside for an enterprise and, where it applies, a project of
    the library. A public project (a special bond for pipework) may have no enterprise."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("资金项目")
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_allocations",
        verbose_name=_("企业"),
    )
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_allocations",
        verbose_name=_("项目"),
    )
    amount = models.DecimalField(_("安排金额(万元)"), **MONEY)
    document_number = models.CharField(_("文号"), max_length=80)
    conditions = models.TextField(_("使用条件"), blank=True)
    allocated_on = models.DateField(_("安排日期"), null=True, blank=True)

    objects = AllocationQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "pk"]
        verbose_name = _("资金安排")
        verbose_name_plural = _("资金安排")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "document_number"], name="funds_allocation_unique_document"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="funds_allocation_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name} · {self.recipient} · {self.document_number}"

    @property
    def recipient(self) -> str:
        if self.enterprise_id:
            return str(self.enterprise)
        return str(self.project) if self.project_id else ""

    def clean(self) -> None:
        if not self.enterprise_id and not self.project_id:
            raise ValidationError({"enterprise": _("资金安排应指定企业或项目。")})

    def disbursed(self) -> Decimal:
        return _sum(self.disbursements.all())


class DisbursementQuerySet(CountyScopedQuerySet):
    def for_enterprise(self, enterprise_id: int):
        return self.filter(allocation__enterprise_id=enterprise_id)


class Disbursement(CountyOwned, Illustrative):
    """A payment (拨付) of part of an allocation, with its voucher."""

    allocation = models.ForeignKey(
        Allocation,
        on_delete=models.PROTECT,
        related_name="disbursements",
        verbose_name=_("资金安排"),
    )
    paid_on = models.DateField(_("拨付日期"))
    amount = models.DecimalField(_("拨付金额(万元)"), **MONEY)
    voucher = models.CharField(_("凭证号"), max_length=80)

    objects = DisbursementQuerySet.as_manager()

    class Meta:
        ordering = ["allocation", "paid_on", "pk"]
        verbose_name = _("资金拨付")
        verbose_name_plural = _("资金拨付")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "voucher"], name="funds_disbursement_unique_voucher"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="funds_disbursement_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return _("%(voucher)s %(amount)s万元") % {"voucher": self.voucher, "amount": self.amount}
