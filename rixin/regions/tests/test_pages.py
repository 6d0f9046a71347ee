"""The division-change pages: the system administrator records a change through the form;
other roles get 403 and nothing is written."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from rixin.audit.models import AuditEvent
from rixin.regions.actions import record_division_change
from rixin.regions.models import Division, DivisionChange, DivisionChangeKind
from rixin.testing import SHOUYANG

pytestmark = pytest.mark.django_db

RENAME = {
    "division": SHOUYANG,
    "kind": DivisionChangeKind.RENAME,
    "effective_date": "2031-01-01",
    "new_name": "寿阳区",
    "document": "晋政函〔2030〕1号",
    "reason": "撤县设区前更名",
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_system_administrator_records_a_rename_through_the_page(personas):
    client = _client(personas.sysadmin)
    response = client.post(reverse("regions:change_create"), RENAME)
    assert response.status_code == 302
    assert response["Location"] == reverse("regions:change_list")
    change = DivisionChange.objects.get(division_id=SHOUYANG)
    assert (change.kind, change.old_name, change.new_name) == ("rename", "寿阳县", "寿阳区")
    assert change.effective_date == datetime.date(2031, 1, 1)
    assert change.recorded_by == personas.sysadmin
    assert Division.objects.get(code=SHOUYANG).name == "寿阳区"
    assert AuditEvent.objects.filter(
        action="create", object_type__icontains="divisionchange", object_id=str(change.pk)
    ).exists()
    page = client.get(reverse("regions:change_list"))
    assert "寿阳区" in page.content.decode() and "晋政函〔2030〕1号" in page.content.decode()


def test_an_officer_gets_403_and_nothing_is_written(personas):
    before = AuditEvent.objects.filter(action__in=("create", "update")).count()
    client = _client(personas.officer)
    assert client.get(reverse("regions:change_create")).status_code == 403
    assert client.post(reverse("regions:change_create"), RENAME).status_code == 403
    assert client.get(reverse("regions:change_list")).status_code == 403
    assert not DivisionChange.objects.exists()
    assert Division.objects.get(code=SHOUYANG).name == "寿阳县"
    assert AuditEvent.objects.filter(action__in=("create", "update")).count() == before


def test_the_action_error_shows_on_the_form_and_nothing_is_written(personas):
    data = {**RENAME, "new_name": "寿阳县"}  # the same name: not a rename
    response = _client(personas.sysadmin).post(reverse("regions:change_create"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["new_name"]
    assert not DivisionChange.objects.exists()


def test_the_form_offers_only_the_administrators_province(personas):
    response = _client(personas.sysadmin).get(reverse("regions:change_create"))
    codes = {d.code for d in response.context["form"].fields["division"].queryset}
    assert SHOUYANG in codes and codes and all(code.startswith("14") for code in codes)


def test_the_list_shows_only_the_administrators_province(personas):
    from rixin.accounts.access import system_actor

    other = Division.objects.filter(level="county").exclude(code__startswith="14").first()
    record_division_change(
        other,
        acting_user=system_actor(),
        kind=DivisionChangeKind.RENAME,
        effective_date=datetime.date(2031, 1, 1),
        new_name="外省示例区",
    )
    response = _client(personas.sysadmin).get(reverse("regions:change_list"))
    assert list(response.context["changes"]) == []
