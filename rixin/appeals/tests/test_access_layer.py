"""The shape of the appeal rules: one access module, no write without an actor, the system
actor recorded as itself, every dispatch audited, one overdue rule, and the API on the same
step services as the page."""

import datetime
import pathlib
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from rixin.accounts.access import MissingActor, system_actor
from rixin.accounts.actions import create_api_token
from rixin.accounts.models import ApiToken
from rixin.accounts.tokens import user_for_api_token
from rixin.appeals import actions, scorecards
from rixin.appeals.choices import AppealKind, Channel, Status
from rixin.appeals.models import Appeal, Assignment, Transition
from rixin.audit.models import AuditAction, AuditEvent
from rixin.money import percent
from rixin.testing import SHOUYANG, division

from .factories import category, dispatched, moment, registered

APP = pathlib.Path(__file__).resolve().parent.parent
MODULES = sorted(p for p in APP.glob("*.py") if p.name != "access.py")


# ---------------------------------------------------------------- no write without an actor


def test_registering_without_an_actor_is_refused(personas):
    with pytest.raises(MissingActor):
        actions.register_appeal(
            acting_user=None,
            county=division(SHOUYANG),
            kind=AppealKind.APPEAL,
            channel=Channel.FEDERATION_MONTHLY,
            category=category(personas),
            title="用电增容",
            content="增容审批慢",
            enterprise=personas.enterprise,
        )
    assert not Appeal.objects.exists()


@pytest.mark.parametrize(
    "step",
    [
        lambda a, p: actions.dispatch_appeal(a, acting_user=None, lead=p.officer.department),
        lambda a, p: actions.escalate_appeal(a, "请加快", acting_user=None),
        lambda a, p: actions.publish_appeal(a, True, acting_user=None),
    ],
)
def test_a_desk_or_leader_step_without_an_actor_is_refused(personas, step):
    appeal = registered(personas)
    with pytest.raises(MissingActor):
        step(appeal, personas)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REGISTERED


def test_a_department_step_without_an_actor_is_refused(personas):
    appeal = dispatched(personas)
    with pytest.raises(MissingActor):
        actions.acknowledge_appeal(appeal, acting_user=None)
    assert Assignment.objects.get(appeal=appeal).acknowledged_at is None


def test_the_clock_is_the_system_actors_alone(personas):
    appeal = dispatched(personas)
    assignment = Assignment.objects.get(appeal=appeal)
    with pytest.raises(PermissionDenied):
        actions.flag_overdue(assignment, acting_user=personas.gongshanglian, at=timezone.now())
    with pytest.raises(MissingActor):
        actions.flag_overdue(assignment, acting_user=None, at=timezone.now())
    assert Assignment.objects.get(pk=assignment.pk).overdue_at is None


def test_the_system_actor_is_recorded_as_itself(personas):
    appeal = registered(personas)
    system = system_actor()
    actions.dispatch_appeal(appeal, acting_user=system, lead=personas.officer.department)
    actions.acknowledge_appeal(appeal, acting_user=system)
    rows = Transition.objects.filter(appeal=appeal, actor=system)
    assert set(rows.values_list("step", flat=True)) == {"dispatch", "acknowledge"}
    assert AuditEvent.objects.filter(user=system, action=AuditAction.TRANSITION).count() == 2


# ---------------------------------------------------------------- dispatches are audited


def _assignment_events(action):
    return AuditEvent.objects.filter(object_type="appeals.assignment", action=action)


def test_every_dispatch_write_has_an_audit_record(personas):
    appeal = registered(personas)
    actions.dispatch_appeal(
        appeal,
        acting_user=personas.gongshanglian,
        lead=personas.officer.department,
        co=[personas.transport.department],
    )
    assert _assignment_events(AuditAction.CREATE).count() == 2
    assert set(_assignment_events(AuditAction.CREATE).values_list("county", flat=True)) == {
        SHOUYANG
    }
    actions.acknowledge_appeal(appeal, acting_user=personas.officer)
    actions.return_appeal(appeal, "不属于本部门职责", acting_user=personas.officer)
    lead = Assignment.objects.get(appeal=appeal, department=personas.officer.department)
    updates = _assignment_events(AuditAction.UPDATE)
    assert updates.filter(object_id=str(lead.pk)).count() == 2  # 签收, 退单
    assert updates.count() == 3  # and the co-department's dispatch ended
    assert lead.returned_at is not None and lead.ended_at is not None


# ---------------------------------------------------------------- one overdue rule


def test_overdue_means_the_same_on_the_row_in_queries_and_in_the_summary(personas):
    late = dispatched(personas, at=moment("2024-09-27"))  # deadline 2024-10-10
    returned = dispatched(personas, at=moment("2024-09-27"), title="退回的诉求")
    actions.return_appeal(returned, "不属于本部门职责", acting_user=personas.officer)
    dispatched(personas, at=moment("2024-10-09"), title="尚未到期")
    as_of = datetime.date(2024, 10, 11)
    overdue = set(Appeal.objects.overdue(as_of))
    assert overdue == {late, Appeal.objects.get(pk=returned.pk)}
    assert {a for a in Appeal.objects.all() if a.is_overdue(as_of)} == overdue
    assert scorecards.summarize(Appeal.objects.all(), as_of).overdue == 2
    # A returned appeal waits for the desk, not for a department's dispatch.
    assert [a.appeal_id for a in Assignment.objects.overdue(as_of)] == [late.pk]
    assert not Appeal.objects.overdue(datetime.date(2024, 10, 10)).exists()


def test_the_inbox_lists_the_overdue_dispatches(personas, client_for):
    dispatched(personas, at=moment("2024-01-02"))
    response = client_for(personas.officer).get("/appeals/inbox/")
    assert len(response.context["overdue"]) == 1


# ---------------------------------------------------------------- formulas


@pytest.mark.parametrize("part, whole", [(1, 3), (2, 3), (1, 8), (0, 5), (3, 0)])
def test_scorecard_rates_are_money_percent_with_one_decimal(part, whole):
    assert scorecards.rate(part, whole) == percent(part, whole, places=1)


def test_a_rate_rounds_half_up():
    assert scorecards.rate(1, 8) == Decimal("12.5")
    assert scorecards.rate(1, 16) == Decimal("6.3")


# ---------------------------------------------------------------- one access layer


ROLE_LITERAL = re.compile(
    r"""["'](officer|leader|county_admin|city_viewer|city_statistician|province_viewer)["']"""
)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_role_is_spelled_as_a_string(path):
    assert not ROLE_LITERAL.search(path.read_text())


@pytest.mark.parametrize("name", ["api.py", "nav.py", "steps.py", "models.py", "actions.py"])
def test_the_api_nav_and_services_do_not_import_views(name):
    source = (APP / name).read_text()
    assert "from .views" not in source and "appeals.views" not in source
    assert "_PostedRequest" not in source and "STEP_HANDLERS" not in source


def test_views_decide_no_role_themselves():
    source = (APP / "views.py").read_text()
    assert ".role" not in source and "is_enterprise_user" not in source


# ---------------------------------------------------------------- the API on the step services


def _bearer(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'test', acting_user=user)[1]}"}


def _post_step(client, appeal, user, payload):
    return client.post(
        f"/api/v1/appeals/appeals/{appeal.pk}/transitions",
        payload,
        content_type="application/json",
        **_bearer(user),
    )


def test_the_api_dispatches_through_the_step_service(personas, client):
    appeal = registered(personas)
    response = _post_step(
        client,
        appeal,
        personas.gongshanglian,
        {"step": "dispatch", "lead": personas.officer.department.pk, "note": "请办理"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == Status.DISPATCHED
    # The dispatcher's note is internal: the departments read it, the enterprise does not.
    assert Transition.objects.filter(
        appeal=appeal, step="dispatch", internal_note="请办理"
    ).exists()


def test_the_api_refuses_a_step_without_its_required_field(personas, client):
    appeal = registered(personas)
    response = _post_step(client, appeal, personas.gongshanglian, {"step": "dispatch"})
    assert response.status_code == 422
    assert Appeal.objects.get(pk=appeal.pk).status == Status.REGISTERED


def test_the_api_refuses_an_unknown_step(personas, client):
    appeal = registered(personas)
    response = _post_step(client, appeal, personas.gongshanglian, {"step": "approve"})
    assert response.status_code == 422


def test_the_api_answers_like_the_page(personas, client):
    appeal = dispatched(personas)
    assert _post_step(client, appeal, personas.officer, {"step": "acknowledge"}).status_code == 201
    response = _post_step(
        client,
        appeal,
        personas.officer,
        {"step": "answer", "solution": "已协调解决。", "post": "发改局", "done_on": "2024-07-30"},
    )
    assert response.status_code == 201, response.content
    appeal.refresh_from_db()
    assert appeal.status == Status.ANSWERED and appeal.answer_done_on == datetime.date(2024, 7, 30)


# ---------------------------------------------------------------- API tokens


def test_a_token_names_its_active_user_and_is_marked_used(personas):
    token, key = create_api_token(personas.officer, "x", acting_user=personas.officer)
    assert user_for_api_token(key) == personas.officer
    assert ApiToken.objects.get(pk=token.pk).last_used is not None


@pytest.mark.parametrize("key", ["", None, "rx_not-a-key", "not-prefixed"])
def test_a_bad_key_names_nobody(personas, key):
    assert user_for_api_token(key) is None


def test_a_revoked_token_or_an_inactive_user_names_nobody(personas):
    token, key = create_api_token(personas.officer, "x", acting_user=personas.officer)
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    assert user_for_api_token(key) is None
    other, other_key = create_api_token(personas.leader, "y", acting_user=personas.leader)
    type(personas.leader).objects.filter(pk=personas.leader.pk).update(is_active=False)
    assert user_for_api_token(other_key) is None
