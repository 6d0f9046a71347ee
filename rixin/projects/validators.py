"""The 24-character investment project code of the national online approval platform."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from rixin.regions.validators import PROVINCE_PREFIXES

# YYYY-DDDDDD-DD-DD-DDDDDD: year, division of the registering authority, industry, type, serial.
PROJECT_CODE = re.compile(r"^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$")


def normalize_code(code: str | None) -> str:
    """A code as typed, pasted or read from a file → the form it is stored and compared in:
    NFKC (full-width digits and hyphens to ASCII), spaces trimmed."""
    return unicodedata.normalize("NFKC", code or "").strip()


def validate_project_code(code: str) -> None:
    """Format and year; that the division exists is checked by the model (it needs the database)."""
    match = PROJECT_CODE.match(code or "")
    if not match:
        raise ValidationError(
            _(
                "项目代码“%(code)s”格式不正确,应为 24 位:年份-行政区划代码-行业代码-类型-流水号,如 2024-140725-44-01-000123。"
            ),
            params={"code": code},
            code="format",
        )
    year, division = int(match.group(1)), match.group(2)
    if not 2000 <= year <= 2100:
        raise ValidationError(
            _("项目代码“%(code)s”的年份 %(year)s 不正确。"),
            params={"code": code, "year": year},
            code="year",
        )
    if division[:2] not in PROVINCE_PREFIXES:
        raise ValidationError(
            _("项目代码“%(code)s”中的行政区划代码 %(division)s 不存在(GB/T 2260)。"),
            params={"code": code, "division": division},
            code="division",
        )


def division_of(code: str) -> str:
    """The division segment of a well-formed code, else "" (the format check says why)."""
    match = PROJECT_CODE.match(normalize_code(code))
    return match.group(2) if match else ""
