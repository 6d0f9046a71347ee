"""Every division-change URL against every persona (see rixin/urlmatrix.py).

Only the system administrator (of the province their division lies in) records a change of
division; everyone else gets 403 and nothing is written."""

from rixin.regions.models import DivisionChangeKind
from rixin.testing import SHOUYANG
from rixin.urlmatrix import Route

RECORDERS = frozenset({"sysadmin"})
RENAME = {
    "division": SHOUYANG,
    "kind": DivisionChangeKind.RENAME,
    "effective_date": "2031-01-01",
    "new_name": "寿阳区",
    "document": "晋政函〔2030〕1号",
}

ROUTES = [
    Route("regions:change_list", RECORDERS),
    Route("regions:change_create", RECORDERS),
    Route("regions:change_create", RECORDERS, method="post", data=RENAME),
]
