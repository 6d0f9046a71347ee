"""A role change that gives or takes one of the three administrator roles asks for a
confirmation step: the account's username typed on a page of its own."""

import pytest
from django.core.exceptions import ValidationError

from rixin.accounts.actions import assign_role
from rixin.accounts.models import User
from rixin.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_withdrawing_an_administrator_role_needs_the_username(personas):
    with pytest.raises(ValidationError) as refused:
        assign_role(personas.auditor, "", acting_user=personas.secadmin)
    assert "confirm" in refused.value.error_dict
    assert User.objects.get(pk=personas.auditor.pk).role == Role.AUDIT_ADMIN
    assign_role(personas.auditor, "", acting_user=personas.secadmin, confirm="auditor")
    assert User.objects.get(pk=personas.auditor.pk).role == ""


def test_the_two_click_path_is_refused(personas, client_for):
    client = client_for(personas.secadmin)
    client.post(f"/security/roles/{personas.auditor.pk}/", {"role": ""})
    assert User.objects.get(pk=personas.auditor.pk).role == Role.AUDIT_ADMIN


def test_the_confirmation_page_withdraws_once_the_username_is_typed(personas, client_for):
    client = client_for(personas.secadmin)
    url = f"/security/roles/{personas.auditor.pk}/withdraw/"
    assert f'href="{url}"' in client.get("/security/roles/").content.decode()
    page = client.get(url)
    assert page.status_code == 200 and 'data-testid="withdraw-form"' in page.content.decode()
    wrong = client.post(url, {"confirm": "someone"})
    assert wrong.status_code == 200
    assert User.objects.get(pk=personas.auditor.pk).role == Role.AUDIT_ADMIN
    done = client.post(url, {"confirm": "auditor"})
    assert done.status_code == 302
    assert User.objects.get(pk=personas.auditor.pk).role == ""


def test_granting_stays_confirmed(personas, client_for):
    client = client_for(personas.secadmin)
    client.post(f"/security/roles/{personas.officer.pk}/", {"role": Role.AUDIT_ADMIN})
    assert User.objects.get(pk=personas.officer.pk).role == Role.OFFICER
