"""The one demo fixture: the whole Shouyang demo for a module's tests, loaded once per test
process, written as the system actor, and gone after the module."""

import pytest

from rixin.accounts.access import SYSTEM_USERNAME
from rixin.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_the_demo_is_there_as_load_demo_leaves_it(demo, demo_user):
    from rixin.projects.models import Project

    assert Project.objects.filter(county_id="140725").count() == 271
    assert demo_user("sy_leader").get_role_display()


def test_the_demo_is_written_by_the_system_actor(demo):
    creates = AuditEvent.objects.filter(action=AuditAction.CREATE)
    assert creates.exists()
    assert set(creates.values_list("username", flat=True)) == {SYSTEM_USERNAME}


def test_rows_created_after_the_demo_get_new_keys(demo, demo_user):
    from rixin.directory.actions import create_department
    from rixin.directory.choices import DepartmentKind
    from rixin.testing import division

    department = create_department(
        acting_user=demo_user("sy_admin"),
        county=division("140725"),
        name="测试新部门",
        kind=DepartmentKind.OTHER,
    )
    assert department.pk is not None
