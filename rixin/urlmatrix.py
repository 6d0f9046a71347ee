"""The authorization matrix: every URL of Rixin, with the personas that may use it.

Each app lists its routes in ``rixin/<app>/tests/matrix.py`` as ``ROUTES``; the test
``rixin/tests/test_authorization_matrix.py`` fails when a URL exists that no route covers,
and for every route checks: anonymous → login (401 for the API); every persona outside
``allowed`` → 403 (or what ``denied`` says); an object of another county → 404 for the
Shouyang personas that may use the route; a refused write leaves no audit record (and so
no row, since every write records one).

Persona names are the fields of :class:`rixin.testing.Personas`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

OFFICERS = frozenset({"officer", "zhaoshang", "tongji", "yingshang", "gongshanglian", "transport"})
SHOUYANG_STAFF = OFFICERS | {"leader", "county_admin"}
OTHER_COUNTY = frozenset({"other_officer", "other_leader"})
COUNTY_STAFF = SHOUYANG_STAFF | OTHER_COUNTY
CITY = frozenset({"city_viewer", "city_statistician"})
READERS = COUNTY_STAFF | CITY | {"province_viewer"}
WRITERS = OFFICERS | {"county_admin", "other_officer"}
ADMINS = frozenset({"sysadmin", "secadmin", "auditor"})
EVERYONE = READERS | ADMINS | {"enterprise_user"}
SHOUYANG_PERSONAS = SHOUYANG_STAFF | {"enterprise_user"}


@dataclass
class Route:
    name: str  # URL name; API operations as "api:<name>"
    allowed: frozenset[str]
    method: str = "get"
    # (personas) -> (kwargs for a Shouyang object, kwargs for the same kind of object in 榆次区 or None)
    objects: Callable | None = None
    data: dict | Callable | None = None
    denied: dict[str, int] = field(default_factory=dict)
    public: bool = False
    query: str = ""
