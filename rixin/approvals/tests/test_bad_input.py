"""Each bad input of the issue: a clear Chinese message, and nothing written."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.accounts.access import system_actor
from rixin.approvals import actions
from rixin.approvals.choices import ItemStatus
from rixin.approvals.models import Case, CaseItem, SupplementaryFile, Transition
from rixin.audit.models import AuditEvent
from rixin.directory.choices import DepartmentKind as K
from rixin.testing import SHOUYANG, division, upload

from .factories import case, catalogue, item, officer_of
from .matrix import png_bytes

D = datetime.date


def _counts():
    return (
        AuditEvent.objects.count(),
        Transition.objects.count(),
        Case.objects.count(),
        SupplementaryFile.objects.count(),
    )


def _refused(call, exc_type, text):
    before = _counts()
    with pytest.raises(exc_type) as caught:
        call()
    message = " ".join(caught.value.messages) if exc_type is ValidationError else str(caught.value)
    assert text in message
    assert _counts() == before


@pytest.fixture
def running(personas):
    entry = item(case(personas), "xiangmu-beian")
    return actions.accept_item(entry, acting_user=personas.officer, on=D(2024, 3, 4))


@pytest.mark.django_db
def test_decision_by_another_department_is_refused(personas, running):
    housing = officer_of(SHOUYANG, K.HOUSING)
    _refused(
        lambda: actions.decide_item(
            running, acting_user=housing, granted=True, on=D(2024, 3, 5), document_number="1"
        ),
        PermissionDenied,
        "该事项由",
    )
    assert CaseItem.objects.get(pk=running.pk).status == ItemStatus.RUNNING


@pytest.mark.django_db
def test_decision_dated_before_acceptance_is_refused(personas, running):
    _refused(
        lambda: actions.decide_item(
            running,
            acting_user=personas.officer,
            granted=True,
            on=D(2024, 3, 1),
            document_number="1",
        ),
        ValidationError,
        "早于该事项的受理日期",
    )


@pytest.mark.django_db
def test_restarting_a_clock_that_is_not_stopped_is_refused(personas, running):
    _refused(
        lambda: actions.resume_item(running, acting_user=personas.officer, on=D(2024, 3, 6)),
        ValidationError,
        "计时没有暂停",
    )


@pytest.mark.django_db
def test_case_for_a_code_not_in_the_library_is_refused(personas):
    catalogue()
    _refused(
        lambda: actions.open_case(
            acting_user=personas.yingshang,
            county=division(SHOUYANG),
            project_code="2024-140725-48-01-999999",
            project_type="social",
            opened_on=D(2024, 3, 1),
        ),
        ValidationError,
        "不在本县项目库中",
    )


@pytest.mark.django_db
def test_malformed_project_code_is_refused(personas):
    catalogue()
    _refused(
        lambda: actions.open_case(
            acting_user=personas.yingshang,
            county=division(SHOUYANG),
            project_code="140725-1",
            project_type="social",
            opened_on=D(2024, 3, 1),
        ),
        ValidationError,
        "格式不正确",
    )


@pytest.mark.django_db
def test_stage_started_early_without_the_rules_allowing_it_is_refused(personas, running):
    housing = officer_of(SHOUYANG, K.HOUSING)
    drawings = item(running.case, "shigongtu")  # stage 3, while stage 1 is open
    _refused(
        lambda: actions.accept_item(drawings, acting_user=housing, on=D(2024, 3, 5)),
        ValidationError,
        "尚未",
    )


@pytest.mark.django_db
def test_overlap_allowed_by_the_county_marks_the_stage_started_early(personas):
    actor = system_actor()
    for stage in catalogue():
        actions.update_stage(stage, {"may_overlap": True}, acting_user=actor)
    c = case(personas)
    actions.accept_item(item(c, "xiangmu-beian"), acting_user=actor, on=D(2024, 3, 4))
    accepted = actions.accept_item(item(c, "gongcheng-guihua"), acting_user=actor, on=D(2024, 3, 5))
    assert accepted.case_stage.started_early


@pytest.mark.django_db
def test_commitment_grant_in_the_previous_stage_lets_the_next_start(personas):
    actor = system_actor()
    c = case(personas)
    for code in ("xiangmu-beian", "yongdi-yushen"):
        actions.accept_item(item(c, code), acting_user=actor, on=D(2024, 3, 4), kind="commitment")
    actions.decide_item(
        item(c, "xiangmu-beian"),
        acting_user=actor,
        granted=True,
        on=D(2024, 3, 5),
        document_number="承诺1",
    )
    stage2 = actions.accept_item(item(c, "gongcheng-guihua"), acting_user=actor, on=D(2024, 3, 6))
    assert stage2.case_stage.started_early


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name, content, text",
    [
        ("license.pdf", b"MZ\x90\x00 not a pdf", "不是它声称的 PDF"),
        ("photo.png", b"%PDF-1.4 a pdf", "不是它声称的 PNG"),
        ("photo.jpg", png_bytes(), "不是它声称的 JPEG"),
        ("run.exe", b"MZ", "只接受 PDF、JPEG 或 PNG"),
    ],
)
def test_supplementary_file_that_is_not_what_it_claims_is_refused(personas, name, content, text):
    entry = item(case(personas), "yongdi-yushen")
    _refused(
        lambda: actions.add_supplementary_file(
            entry, upload(name, content), acting_user=personas.enterprise_user
        ),
        ValidationError,
        text,
    )


@pytest.mark.django_db
def test_supplementary_file_over_the_size_limit_is_refused(personas, settings):
    settings.RIXIN_MAX_UPLOAD_BYTES = 10
    entry = item(case(personas), "yongdi-yushen")
    _refused(
        lambda: actions.add_supplementary_file(
            entry, upload("a.pdf", b"%PDF-1.4 long enough"), acting_user=personas.enterprise_user
        ),
        ValidationError,
        "超过",
    )


@pytest.mark.django_db
def test_a_real_png_is_kept(personas):
    entry = item(case(personas), "yongdi-yushen")
    row = actions.add_supplementary_file(
        entry, upload("site.png", png_bytes()), acting_user=personas.enterprise_user
    )
    assert row.content_type == "image/png" and row.file.name.endswith(".png")


@pytest.mark.django_db
def test_missing_actor_is_refused(personas, running):
    from rixin.accounts.access import MissingActor

    with pytest.raises(MissingActor):
        actions.resume_item(running, acting_user=None, on=D(2024, 3, 6))
