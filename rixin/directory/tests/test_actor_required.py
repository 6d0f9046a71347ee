"""No write of the directory without saying who makes it."""

import pytest

from rixin.accounts.access import MissingActor, system_actor
from rixin.directory import actions
from rixin.directory.models import Department, Enterprise, University
from rixin.testing import division

pytestmark = pytest.mark.django_db


def test_directory_writes_without_an_actor_are_refused(personas):
    county = division("140725")
    with pytest.raises(MissingActor):
        actions.create_department(acting_user=None, county=county, name="无名局", kind="other")
    with pytest.raises(MissingActor):
        actions.create_enterprise(acting_user=None, county=county, name="无名企业")
    with pytest.raises(MissingActor):
        actions.create_university(acting_user=None, name="无名大学")
    assert not Department.objects.filter(name="无名局").exists()
    assert not Enterprise.objects.filter(name="无名企业").exists()
    assert not University.objects.filter(name="无名大学").exists()


def test_only_the_county_administrator_or_the_system_actor_keeps_departments(personas):
    from django.core.exceptions import PermissionDenied

    county = division("140725")
    with pytest.raises(PermissionDenied):
        actions.create_department(
            acting_user=personas.officer, county=county, name="新设局", kind="other"
        )
    with pytest.raises(PermissionDenied):
        actions.create_department(
            acting_user=personas.other_officer, county=county, name="新设局", kind="other"
        )
    made = actions.create_department(
        acting_user=system_actor(), county=county, name="新设局", kind="other"
    )
    assert made.county_id == "140725"
