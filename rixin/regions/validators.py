"""GB/T 2260 administrative division codes."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Province-level prefixes in use in GB/T 2260 (mainland, Taiwan, Hong Kong, Macao).
PROVINCE_PREFIXES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82".split()
)
_CODE = re.compile(r"^\d{6}$")


def level_of(code: str) -> str:
    """'province', 'city' or 'county', read from the shape of a well-formed code."""
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def validate_division_code(code: str) -> None:
    if not isinstance(code, str) or not _CODE.match(code):
        raise ValidationError(
            _("行政区划代码“%(code)s”应为6位数字(GB/T 2260)。"),
            params={"code": code},
            code="format",
        )
    if code[:2] not in PROVINCE_PREFIXES:
        raise ValidationError(
            _("行政区划代码“%(code)s”的省级代码不存在(GB/T 2260)。"),
            params={"code": code},
            code="province",
        )
