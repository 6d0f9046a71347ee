"""Who may compare what in the cockpit: the one place its permission rules live. County staff
see their own county's cockpit; city and province accounts also compare counties, and a
province account compares its cities. Which counties of a division a user may read comes from
the division tree (``rixin.accounts.access``), never from slicing codes."""

from __future__ import annotations

from django.http import Http404

from rixin.accounts.access import reads_county_data, visible_in_city
from rixin.accounts.roles import Role

COMPARING_ROLES = frozenset({Role.CITY_VIEWER, Role.CITY_STATISTICIAN, Role.PROVINCE_VIEWER})


def compares_counties(user) -> bool:
    """City and province accounts compare counties; county staff see their own county only."""
    return reads_county_data(user) and user.role in COMPARING_ROLES


def compares_cities(user) -> bool:
    return reads_county_data(user) and user.role == Role.PROVINCE_VIEWER


def city_counties(user, city) -> list[str]:
    """The city's counties whose figures the user may read (in the user's order)."""
    in_city = set(visible_in_city(user, city))
    return [code for code in user.visible_county_codes() if code in in_city]


def province_or_404(user, code: str):
    """The province and the codes of its counties the user may read; 404 if none."""
    from rixin.regions.models import Division, DivisionLevel

    province = Division.objects.filter(code=code, level=DivisionLevel.PROVINCE).first()
    if province is None or not user.is_authenticated:
        raise Http404
    in_province = set(
        Division.objects.filter(parent__parent=province, level=DivisionLevel.COUNTY).values_list(
            "code", flat=True
        )
    )
    codes = [code for code in user.visible_county_codes() if code in in_province]
    if not codes:
        raise Http404
    return province, codes
