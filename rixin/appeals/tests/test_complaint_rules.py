"""A complaint is never dispatched to the department it complains about, and that department
never reads a complainant's name, not even through a merged complaint."""

import pytest
from django.core.exceptions import ValidationError

from rixin.appeals import actions
from rixin.appeals.models import Appeal, Assignment

from .factories import complaint


def test_a_complaint_is_not_dispatched_to_the_department_it_complains_about(personas):
    about = personas.transport.department
    appeal = complaint(personas, about=about)
    with pytest.raises(ValidationError, match="被投诉部门") as caught:
        actions.dispatch_appeal(appeal, acting_user=personas.yingshang, lead=about)
    assert "lead_department" in caught.value.message_dict
    assert Appeal.objects.get(pk=appeal.pk).status == "registered"
    assert not Assignment.objects.exists()


def test_nor_as_a_co_department(personas):
    about = personas.transport.department
    appeal = complaint(personas, about=about)
    with pytest.raises(ValidationError, match="被投诉部门") as caught:
        actions.dispatch_appeal(
            appeal, acting_user=personas.yingshang, lead=personas.officer.department, co=[about]
        )
    assert "co_departments" in caught.value.message_dict
    assert not Assignment.objects.exists()


def test_the_page_says_why(personas, client_for):
    about = personas.transport.department
    appeal = complaint(personas, about=about)
    response = client_for(personas.yingshang).post(
        f"/appeals/{appeal.pk}/dispatch/", {"lead": about.pk}, follow=True
    )
    assert "被投诉部门" in response.text
    assert not Assignment.objects.exists()


def test_a_merged_complainants_name_is_hidden_from_the_department_complained_about(
    personas, client_for
):
    about = personas.transport.department
    master = complaint(personas, about=about)
    duplicate = actions.register_appeal(
        acting_user=personas.yingshang,
        county=personas.yingshang.division,
        kind="complaint",
        channel=master.channel,
        category=master.category,
        title="同一窗口态度问题",
        content="再次反映。",
        complainant_name="投诉人乙",
        complainant_phone="13900000000",
        complained_department=about,
    )
    actions.merge_appeal(duplicate, master, acting_user=personas.yingshang)
    page = client_for(personas.transport).get(f"/appeals/{master.pk}/")
    assert page.status_code == 200
    assert duplicate.number in page.text
    assert "投诉人乙" not in page.text and "投诉人甲" not in page.text
    assert "投诉人乙" in client_for(personas.yingshang).get(f"/appeals/{master.pk}/").text
