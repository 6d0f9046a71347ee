"""Parks are kept by the county administrator and the 发改局 / 经开区 officers; no write
without an actor."""

import pytest
from django.core.exceptions import PermissionDenied

from rixin.accounts.access import MissingActor, system_actor
from rixin.parks import actions
from rixin.parks.models import Park
from rixin.testing import division

pytestmark = pytest.mark.django_db


def test_a_park_without_an_actor_is_refused(personas):
    with pytest.raises(MissingActor):
        actions.create_park(
            acting_user=None, county=division("140725"), name="无主园区", kind="industrial"
        )
    assert not Park.objects.filter(name="无主园区", kind="industrial").exists()


def test_the_county_administrator_the_fagai_officer_and_the_system_actor_keep_parks(personas):
    county = division("140725")
    with pytest.raises(PermissionDenied):
        actions.create_park(
            acting_user=personas.zhaoshang, county=county, name="甲园区", kind="industrial"
        )
    with pytest.raises(PermissionDenied):
        actions.create_park(
            acting_user=personas.county_admin,
            county=division("140702"),
            name="乙园区",
            kind="industrial",
        )
    park = actions.create_park(
        acting_user=personas.county_admin, county=county, name="甲园区", kind="industrial"
    )
    actions.add_capacity(park, acting_user=system_actor(), product="纸", amount=1)
    actions.add_capacity(park, acting_user=personas.officer, product="浆", amount=1)
    assert park.capacities.count() == 2
