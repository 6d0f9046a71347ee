"""Chinese patent numbers, in the two forms a university's list uses.

* Publication (grant) number: ``CN`` + 9 digits + the kind letter, e.g. ``CN112345678A``,
  ``CN212345678U`` (A/B/C invention, U/Y utility model, S design).
* Application number: 12 digits (since 2003; 8 before) + ``.`` + check character, optionally
  after ``ZL`` or ``CN``: ``ZL202110123456.1``. The check character is the sum of the digits
  weighted 2, 3, …, 9, 2, 3, … modulo 11, with 10 written ``X``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PUBLICATION = re.compile(r"^CN\d{9}[ABCUYS]$")
APPLICATION = re.compile(r"^(?:ZL|CN)?(\d{12}|\d{8})\.?([\dX])$")
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9)


def check_character(digits: str) -> str:
    total = sum(int(d) * WEIGHTS[i % len(WEIGHTS)] for i, d in enumerate(digits))
    rest = total % 11
    return "X" if rest == 10 else str(rest)


def normalise_patent_number(value: str) -> str:
    return re.sub(r"\s+", "", str(value or "")).upper()


def validate_patent_number(value: str) -> str:
    """The number in its normal form, or ValidationError with a message saying what is wrong."""
    number = normalise_patent_number(value)
    if PUBLICATION.match(number):
        return number
    match = APPLICATION.match(number)
    if match:
        expected = check_character(match.group(1))
        if match.group(2) != expected:
            raise ValidationError(
                _("专利号“%(n)s”的校验位不对:按申请号计算应为 %(c)s。")
                % {"n": value, "c": expected},
                code="check",
            )
        return number
    raise ValidationError(
        _(
            "专利号“%(n)s”格式不正确:应为 CN 加 9 位数字加类型字母(如 CN112345678A),"
            "或申请号形式(如 ZL202110123456.1,末位为校验位)。"
        )
        % {"n": value},
        code="format",
    )
