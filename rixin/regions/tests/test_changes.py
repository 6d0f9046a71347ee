"""A change of division (更名, 撤县设区, 合并) recorded with its effective date."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from rixin.accounts.access import MissingActor, system_actor
from rixin.accounts.roles import Role
from rixin.audit.models import AuditEvent
from rixin.directory.choices import DepartmentKind
from rixin.regions.actions import record_division_change
from rixin.regions.data import load_divisions
from rixin.regions.models import Division, DivisionChange
from rixin.regions.models import DivisionChangeKind as Kind
from rixin.testing import make_department, make_user

pytestmark = pytest.mark.django_db

D = datetime.date


def rename(code, new_name, on, user=None):
    return record_division_change(
        Division.objects.get(code=code),
        acting_user=user or system_actor(),
        kind=Kind.RENAME,
        effective_date=on,
        new_name=new_name,
        document="晋政函〔2030〕1号",
    )


def test_a_renamed_county_keeps_its_code_its_rows_and_its_old_name():
    department = make_department("140725", DepartmentKind.STATISTICS)
    change = rename("140725", "寿阳区", D(2030, 1, 1))
    county = Division.objects.get(code="140725")
    assert county.name == "寿阳区" and county.valid_until is None
    department.refresh_from_db()
    assert department.county_id == "140725"
    assert (change.old_name, change.new_name, change.old_code) == ("寿阳县", "寿阳区", "140725")
    assert county.name_on(D(2029, 12, 31)) == "寿阳县"
    assert county.name_on(D(2030, 1, 1)) == "寿阳区"


def test_name_on_follows_two_renames():
    rename("140721", "榆社区", D(2030, 1, 1))
    rename("140721", "箕城区", D(2032, 6, 1))
    county = Division.objects.get(code="140721")
    assert county.name_on(D(2020, 1, 1)) == "榆社县"
    assert county.name_on(D(2031, 1, 1)) == "榆社区"
    assert county.name_on(D(2033, 1, 1)) == county.name == "箕城区"


def test_loading_the_divisions_again_keeps_a_recorded_rename():
    rename("140725", "寿阳区", D(2030, 1, 1))
    load_divisions(Division)
    assert Division.objects.get(code="140725").name == "寿阳区"


def test_a_new_code_links_the_old_division_to_its_successor_and_ends_it():
    change = record_division_change(
        Division.objects.get(code="140724"),
        acting_user=system_actor(),
        kind=Kind.REDESIGNATION,
        effective_date=D(2030, 3, 1),
        new_code="140704",
        new_name="昔阳区",
        document="国函〔2030〕12号",
    )
    old = Division.objects.get(code="140724")
    new = Division.objects.get(code="140704")
    assert change.successor == new and change.new_code == "140704"
    assert old.valid_until == D(2030, 2, 28) and old.name == "昔阳县"
    assert (new.name, new.parent_id, new.level, new.valid_from) == (
        "昔阳区",
        "140700",
        "county",
        D(2030, 3, 1),
    )
    assert new.lon == old.lon
    assert old.successor_on(D(2030, 2, 28)) == old
    assert old.successor_on(D(2030, 3, 1)) == new
    assert "140704" in Division.objects.get(code="140700").county_codes()


def test_a_merger_into_an_existing_division_keeps_both_rows():
    record_division_change(
        Division.objects.get(code="140723"),
        acting_user=system_actor(),
        kind=Kind.MERGER,
        effective_date=D(2030, 1, 1),
        new_code="140722",
    )
    assert Division.objects.get(code="140723").valid_until == D(2029, 12, 31)
    assert Division.objects.get(code="140722").valid_until is None
    assert DivisionChange.objects.get(division="140723").successor_id == "140722"


def test_an_ended_division_cannot_change_again():
    record_division_change(
        Division.objects.get(code="140723"),
        acting_user=system_actor(),
        kind=Kind.ABOLITION,
        effective_date=D(2030, 1, 1),
    )
    with pytest.raises(ValidationError):
        rename("140723", "和顺区", D(2031, 1, 1))


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": Kind.RENAME, "new_name": "寿阳县"},  # the same name
        {"kind": Kind.RENAME, "new_name": ""},
        {"kind": Kind.REDESIGNATION, "new_code": ""},
        {"kind": Kind.REDESIGNATION, "new_code": "140700", "new_name": "x"},  # a city's code
        {"kind": Kind.REDESIGNATION, "new_code": "990701", "new_name": "x"},
        {"kind": "split", "new_name": "x"},
    ],
)
def test_an_invalid_change_is_refused_and_leaves_no_row(fields):
    with pytest.raises(ValidationError):
        record_division_change(
            Division.objects.get(code="140725"),
            acting_user=system_actor(),
            effective_date=D(2030, 1, 1),
            **fields,
        )
    assert not DivisionChange.objects.exists()
    assert Division.objects.get(code="140725").name == "寿阳县"


def test_a_change_cannot_predate_the_previous_one():
    rename("140725", "寿阳区", D(2030, 1, 1))
    with pytest.raises(ValidationError):
        rename("140725", "寿州区", D(2029, 1, 1))


def test_the_system_administrator_of_the_province_records_a_change_and_it_is_audited(personas):
    change = rename("140725", "寿阳区", D(2030, 1, 1), user=personas.sysadmin)
    assert change.recorded_by == personas.sysadmin
    events = AuditEvent.objects.filter(user=personas.sysadmin)
    assert events.filter(object_type__icontains="divisionchange").exists()
    assert events.filter(object_id="140725").exists()


@pytest.mark.parametrize("who", ["officer", "county_admin", "province_viewer", "secadmin"])
def test_other_roles_may_not_change_divisions(personas, who):
    with pytest.raises(PermissionDenied):
        rename("140725", "寿阳区", D(2030, 1, 1), user=getattr(personas, who))
    assert not DivisionChange.objects.exists()


def test_the_system_administrator_of_another_province_may_not(personas):
    beijing_admin = make_user("bj_sysadmin", Role.SYSTEM_ADMIN, "110105")
    with pytest.raises(PermissionDenied):
        rename("140725", "寿阳区", D(2030, 1, 1), user=beijing_admin)
    with pytest.raises(PermissionDenied):
        record_division_change(
            Division.objects.get(code="110105"),
            acting_user=beijing_admin,
            kind=Kind.MERGER,
            effective_date=D(2030, 1, 1),
            new_code="140725",
        )
    assert not DivisionChange.objects.exists()


def test_a_change_needs_an_actor():
    with pytest.raises(MissingActor):
        record_division_change(
            Division.objects.get(code="140725"),
            acting_user=None,
            kind=Kind.RENAME,
            effective_date=D(2030, 1, 1),
            new_name="寿阳区",
        )


def test_the_command_records_a_change_as_the_system_actor(capsys):
    call_command(
        "record_division_change",
        "140729",
        "--kind=redesignation",
        "--date=2030-07-01",
        "--new-code=140705",
        "--new-name=灵石区",
        "--document=国函〔2030〕30号",
    )
    change = DivisionChange.objects.get(division="140729")
    assert change.recorded_by.is_system_actor and change.document == "国函〔2030〕30号"
    assert Division.objects.get(code="140705").name == "灵石区"
    assert "140729" in capsys.readouterr().out


def test_the_command_reports_a_refused_change():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("record_division_change", "140729", "--kind=rename", "--date=2030-07-01")
