"""Complaints run on the same engine; the complainant is hidden from the department complained about."""

import pytest
from django.core.exceptions import ValidationError

from rixin.appeals import actions
from rixin.appeals.access import shows_complainant_to

from .factories import complaint


def test_a_complaint_is_confidential_and_cannot_be_made_public(personas):
    appeal = complaint(personas)
    assert appeal.is_confidential
    with pytest.raises(ValidationError):
        actions.publish_appeal(appeal, True, acting_user=personas.yingshang)


def test_the_department_complained_about_does_not_see_the_complainant(personas, client_for):
    # Dispatched to another department (never to the one it is about, see
    # test_complaint_rules): the department complained about still reads the complaint.
    appeal = complaint(personas, about=personas.transport.department)
    actions.dispatch_appeal(
        appeal, acting_user=personas.yingshang, lead=personas.officer.department
    )
    assert not shows_complainant_to(personas.transport, appeal)
    page = client_for(personas.transport).get(f"/appeals/{appeal.pk}/").content.decode()
    assert "窗口人员态度生硬" in page
    assert "投诉人甲" not in page and "13800000000" not in page
    listing = client_for(personas.transport).get("/appeals/").content.decode()
    assert "投诉人甲" not in listing


def test_the_desk_and_leaders_see_the_complainant(personas, client_for):
    appeal = complaint(personas)
    for user in (personas.yingshang, personas.leader):
        page = client_for(user).get(f"/appeals/{appeal.pk}/").content.decode()
        assert "投诉人甲" in page and "13800000000" in page


def test_a_complaint_about_the_desk_itself_is_hidden_from_that_desk(personas):
    appeal = complaint(personas, about=personas.yingshang.department)
    assert not shows_complainant_to(personas.yingshang, appeal)
    assert shows_complainant_to(personas.gongshanglian, appeal)


def test_other_departments_cannot_open_a_complaint_at_all(personas, client_for):
    appeal = complaint(personas)
    assert client_for(personas.tongji).get(f"/appeals/{appeal.pk}/").status_code == 404
