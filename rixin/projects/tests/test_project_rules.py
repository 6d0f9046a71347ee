from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.projects import actions
from rixin.projects.models import Project

from .factories import project

pytestmark = pytest.mark.django_db


def test_officer_creates_projects_of_own_department_only(personas):
    project(personas.transport, name="自己的项目")
    with pytest.raises(PermissionDenied):
        project(personas.transport, name="别人的项目", department=personas.tongji.department)
    assert not Project.objects.filter(name="别人的项目").exists()


def test_fagai_officer_and_county_admin_create_for_any_department(personas):
    project(personas.officer, department=personas.transport.department, name="甲")
    project(personas.county_admin, department=personas.transport.department, name="乙")
    assert Project.objects.filter(department=personas.transport.department).count() == 2


def test_leader_cannot_create_and_nothing_is_written(personas):
    with pytest.raises(PermissionDenied):
        project(personas.leader, department=personas.officer.department, name="领导项目")
    assert not Project.objects.exists()


def test_malformed_project_code_is_refused_with_its_format(personas):
    with pytest.raises(ValidationError) as error:
        project(personas.officer, code="2024-140725-44-01-12345")
    assert "24 位" in str(error.value)
    assert not Project.objects.exists()


def test_project_code_region_must_be_a_known_division(personas):
    with pytest.raises(ValidationError, match="行政区划"):
        project(personas.officer, code="2024-149999-44-01-000123")
    item = project(personas.officer, code="2024-140725-44-01-000123")
    assert item.code == "2024-140725-44-01-000123"


def test_negative_total_investment_is_refused(personas):
    with pytest.raises(ValidationError, match="负数"):
        project(personas.officer, total_investment=Decimal("-1"))


def test_department_of_another_county_is_refused(personas):
    with pytest.raises(ValidationError):
        project(personas.officer, department=personas.other_officer.department)


def test_officer_cannot_hand_a_project_to_another_department(personas):
    item = project(personas.transport)
    with pytest.raises(PermissionDenied):
        actions.update_project(
            item, {"department": personas.tongji.department}, acting_user=personas.transport
        )
    actions.update_project(item, {"address": "平头镇"}, acting_user=personas.transport)
    assert Project.objects.get(pk=item.pk).address == "平头镇"


def test_status_is_not_edited_like_a_field(personas):
    item = project(personas.officer)
    with pytest.raises(ValidationError, match="变更状态"):
        actions.update_project(item, {"status": "operating"}, acting_user=personas.officer)
