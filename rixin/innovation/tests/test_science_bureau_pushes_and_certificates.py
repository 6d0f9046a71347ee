"""The 科技局 enters innovation data; a certificate marks the enterprise high-tech in the
directory; patents pushed to an enterprise are on its to-do list until it answers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from rixin.accounts.access import system_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind as K
from rixin.directory.models import Enterprise
from rixin.innovation import actions
from rixin.innovation.access import enters_innovation
from rixin.innovation.choices import Answer
from rixin.innovation.models import HighTechCertificate
from rixin.testing import SHOUYANG, make_department, make_enterprise, make_user
from rixin.todo import providers
from rixin.todo.providers import items_for

from . import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def _science_officer():
    return make_user(
        "sy_keji", Role.OFFICER, SHOUYANG, department=make_department(SHOUYANG, K.SCIENCE)
    )


def test_a_science_bureau_officer_records_a_certificate_and_the_enterprise_is_high_tech(
    personas,
):
    officer = _science_officer()
    assert enters_innovation(officer)
    actions.record_certificate(
        acting_user=officer,
        enterprise=personas.enterprise,
        number="GR1",
        certified_on=D(2023, 11, 1),
    )
    enterprise = Enterprise.objects.get(pk=personas.enterprise.pk)
    assert enterprise.is_high_tech and enterprise.high_tech_certified_on == D(2023, 11, 1)
    # An older certificate entered later leaves the newest date.
    actions.record_certificate(
        acting_user=officer, enterprise=enterprise, number="GR0", certified_on=D(2020, 11, 1)
    )
    assert Enterprise.objects.get(pk=enterprise.pk).high_tech_certified_on == D(2023, 11, 1)


def test_an_officer_of_another_department_may_not_record_a_certificate(personas):
    assert not enters_innovation(personas.officer)  # 发改局
    with pytest.raises(PermissionDenied, match="科技局"):
        actions.record_certificate(
            acting_user=personas.officer,
            enterprise=personas.enterprise,
            number="GR1",
            certified_on=D(2023, 11, 1),
        )
    assert not HighTechCertificate.objects.exists()
    assert not Enterprise.objects.get(pk=personas.enterprise.pk).is_high_tech


def _patents(user):
    return [
        i for i in items_for(user, D(2024, 7, 24)) if str(i.section) == str(providers.S_PATENTS)
    ]


def test_patents_pushed_to_the_enterprise_are_on_its_to_do_list_until_answered(personas):
    push = factories.push(personas.enterprise)
    [entry] = _patents(personas.enterprise_user)
    assert entry.url == f"/innovation/pushes/{push.pk}/answer/"
    assert push.patent.number in entry.title and str(entry.action) == "答复"
    neighbour = make_enterprise(SHOUYANG, "寿阳县示例机械有限公司")
    assert not _patents(make_user("sy_qiye2", Role.ENTERPRISE, SHOUYANG, enterprise=neighbour))
    actions.answer_push(push, acting_user=system_actor(), answer=Answer.NO_NEED)
    assert not _patents(personas.enterprise_user)


def test_the_report_paragraph_counts_the_certificates_valid_at_the_periods_end(personas):
    from rixin.innovation import figures

    actions.record_certificate(
        acting_user=system_actor(),
        enterprise=personas.enterprise,
        number="GR2",
        certified_on=D(2024, 11, 1),
        invention_patents=3,
    )
    assert "高新技术企业" not in figures.report_paragraph("140725", 2024, D(2024, 6, 30))
    assert "培育高新技术企业1家" in figures.report_paragraph("140725", 2024)


def test_the_report_paragraph_counts_cooperation_and_answers_by_the_periods_end(personas):
    from unittest import mock

    from rixin.innovation import figures
    from rixin.testing import division

    actor = system_actor()
    actions.create_cooperation_agreement(
        acting_user=actor,
        county=division(SHOUYANG),
        university=factories.university(),
        title="校地合作协议",
        signed_on=D(2024, 9, 1),
    )
    with mock.patch("django.utils.timezone.now", return_value=_moment(2024, 6, 10)):
        push = factories.push(personas.enterprise)
    with mock.patch("django.utils.timezone.now", return_value=_moment(2024, 7, 2)):
        actions.answer_push(push, acting_user=actor, answer=Answer.NO_NEED)
    first_half = figures.report_paragraph("140725", 2024, D(2024, 6, 30))
    whole_year = figures.report_paragraph("140725", 2024)
    assert "所高校开展合作" not in first_half and "与太原理工大学等1所高校开展合作" in whole_year
    assert "推送高校待转化专利1项次,企业答复率0%" in first_half
    assert "企业答复率100%" in whole_year
    with translation.override("en"):
        english = figures.report_paragraph("140725", 2024)
    assert english.startswith(
        "The county cooperates with 1 universities, among them 太原理工大学; "
    )
    assert not set(english) & set("、。")


def _moment(year, month, day):
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime(year, month, day, 10))
