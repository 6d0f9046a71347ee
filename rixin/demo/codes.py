"""Valid codes for illustrative records (the article publishes none)."""

import hashlib

from stdnum.cn import uscc

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _org_check(body: str) -> str:
    """GB 11714 organisation code check character."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def illustrative_credit_code(seed: str, division: str = "140725") -> str:
    """A GB 32100 code that passes every check, derived from ``seed`` so reloads agree.

    It belongs to no real enterprise: records that carry one are marked illustrative.
    """
    digest = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    body = f"{digest % 10**8:08d}"
    org = body + _org_check(body)
    partial = "91" + division + org
    code = partial + uscc.calc_check_digit(partial)
    uscc.validate(code)
    return code
