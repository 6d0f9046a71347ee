"""Departments, enterprises and universities."""

import unicodedata

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from .choices import DepartmentKind
from .industries import industry_name, validate_industry_code


def normalize_credit_code(value: str | None) -> str:
    """A unified social credit code as stored and compared: NFKC (full-width letters and
    digits to ASCII), spaces trimmed, upper case. Every path (form, import, API) goes
    through it before validating or looking a code up."""
    return unicodedata.normalize("NFKC", value or "").strip().upper()


def validate_credit_code(value: str) -> None:
    from django.core.exceptions import ValidationError

    try:
        uscc.validate(normalize_credit_code(value))
    except StdnumError as exc:
        raise ValidationError(
            _("统一社会信用代码“%(code)s”无效(GB 32100):%(reason)s"),
            params={"code": value, "reason": _("长度、字符或校验位不正确")},
            code="invalid",
        ) from exc


class Department(CountyOwned, Illustrative, Versioned):
    """A department of a county government (or the federation of industry and commerce)."""

    name = models.CharField(_("部门名称"), max_length=80)
    kind = models.CharField(_("部门类型"), max_length=20, choices=DepartmentKind.choices)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    class Meta:
        ordering = ["county", "name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="department_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class EnterpriseQuerySet(CountyScopedQuerySet):
    def for_enterprise(self, enterprise_id: int):
        return self.filter(pk=enterprise_id)

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        code = normalize_credit_code(text)
        return self.filter(Q(name__icontains=text) | Q(credit_code__icontains=code))


class Enterprise(CountyOwned, Illustrative, Versioned):
    """An enterprise registered in a county, keyed by its unified social credit code."""

    name = models.CharField(_("企业名称"), max_length=120)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    industry = models.CharField(
        _("行业(GB/T 4754)"), max_length=5, validators=[validate_industry_code]
    )
    is_high_tech = models.BooleanField(_("高新技术企业"), default=False)
    high_tech_certified_on = models.DateField(_("高新技术企业证书日期"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    contact_title = models.CharField(_("联系人(职务)"), max_length=60, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self) -> str:
        return self.name

    @property
    def industry_name(self) -> str:
        return industry_name(self.industry)

    def clean_fields(self, exclude=None) -> None:
        # Normalised first, so the field's validators and the uniqueness check see the
        # stored form of the code.
        self.credit_code = normalize_credit_code(self.credit_code)
        super().clean_fields(exclude)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.credit_code:
            self.credit_code = normalize_credit_code(self.credit_code)
        if self.high_tech_certified_on and not self.is_high_tech:
            raise ValidationError({"high_tech_certified_on": _("非高新技术企业不应填写证书日期。")})


class University(Illustrative):
    """A university or research institute that cooperates with the county."""

    name = models.CharField(_("高校名称"), max_length=120, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    city_name = models.CharField(_("所在城市"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("高校")
        verbose_name_plural = _("高校")

    def __str__(self) -> str:
        return self.name
