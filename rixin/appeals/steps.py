"""The steps of the appeal loop as services: each takes the appeal, the cleaned data of its
form and the actor, calls the action, and says what happened (the page's message). The appeal page and the API both come here
(``take_step``), so a step has one set of rules wherever it is posted from. Which steps a
user is offered is ``access.available_steps``; the actions decide.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from . import access, actions
from .choices import Status
from .forms import (
    AnswerForm,
    CallbackForm,
    DispatchForm,
    ExtensionForm,
    MarkForm,
    MergeForm,
    NoteForm,
    PublishForm,
    ReopenForm,
)
from .models import Appeal


def cleaned(form: forms.BaseForm) -> dict:
    """The form's cleaned data, or a ValidationError naming each bad field."""
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label}:{' '.join(errors)}"
                if name in form.fields
                else " ".join(errors)
                for name, errors in form.errors.items()
            ]
        )
    return form.cleaned_data


def _deadline(appeal: Appeal) -> str:
    return appeal.deadline.isoformat() if appeal.deadline else "—"


def accept(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.accept_appeal(appeal, acting_user=acting_user)
    return _("已受理诉求 %(n)s,请派单。") % {"n": appeal.number}


def dispatch(appeal: Appeal, data: dict, *, acting_user) -> str:
    first = appeal.status == Status.REGISTERED
    actions.dispatch_appeal(
        appeal,
        acting_user=acting_user,
        lead=data["lead"],
        co=list(data["co"]),
        note=data["note"],
        deadline_days=data.get("deadline_days"),
    )
    text = _("已派单至%(d)s,办理时限%(t)s") if first else _("已改派至%(d)s,办理时限%(t)s")
    return text % {"d": data["lead"].name, "t": _deadline(appeal)}


def acknowledge(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.acknowledge_appeal(appeal, acting_user=acting_user)
    return _("已签收,办理时限%(t)s") % {"t": _deadline(appeal)}


def progress(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.add_progress(
        appeal, data["note"], acting_user=acting_user, for_enterprise=not data["internal"]
    )
    return _("已记录办理进展(仅内部可见)。") if data["internal"] else _("已记录办理进展。")


def answer(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.answer_appeal(
        appeal,
        acting_user=acting_user,
        solution=data["solution"],
        post=data["post"],
        done_on=data["done_on"],
    )
    return _("已答复,等待企业评价。")


def return_(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.return_appeal(appeal, data["note"], acting_user=acting_user)
    return _("已退单,诉求退回受理台重新派单。")


def _verdict(appeal: Appeal) -> str:
    return f"{appeal.get_satisfaction_display()} · {appeal.get_resolution_display()}"


def mark(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.mark_answer(
        appeal,
        acting_user=acting_user,
        satisfaction=data["satisfaction"],
        resolution=data["resolution"],
        comment=data["comment"],
    )
    return _("已评价:%(v)s。") % {"v": _verdict(appeal)}


def reopen(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.reopen_appeal(
        appeal, data["note"], acting_user=acting_user, deadline_days=data.get("deadline_days")
    )
    return _("已退回%(d)s重办,办理时限%(t)s") % {
        "d": appeal.lead_department.name,
        "t": _deadline(appeal),
    }


def conclude(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.conclude_appeal(appeal, data["note"], acting_user=acting_user)
    return _("已办结诉求 %(n)s。") % {"n": appeal.number}


def merge(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.merge_appeal(appeal, data["master"], acting_user=acting_user)
    return _("已并入 %(n)s。") % {"n": data["master"].number}


def escalate(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.escalate_appeal(appeal, data["note"], acting_user=acting_user)
    return _("已督办,已通知承办部门。")


def publish(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.publish_appeal(appeal, data["is_public"], acting_user=acting_user)
    return _("已在 Open311 公开。") if data["is_public"] else _("已取消公开。")


def extend(appeal: Appeal, data: dict, *, acting_user) -> str:
    extension = actions.request_extension(
        appeal, data.get("deadline_days"), data["note"], acting_user=acting_user
    )
    return _("已申请延期 %(n)s 个工作日,待营商环境局审批。") % {"n": extension.days}


def grant_extension(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.decide_extension(appeal, granted=True, note=data["note"], acting_user=acting_user)
    return _("已同意延期,办理时限延至%(t)s") % {"t": _deadline(appeal)}


def refuse_extension(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.decide_extension(appeal, granted=False, note=data["note"], acting_user=acting_user)
    return _("已不同意延期,办理时限仍为%(t)s") % {"t": _deadline(appeal)}


def mark_link(appeal: Appeal, data: dict, *, acting_user) -> str:
    path = actions.issue_marking_link(appeal, acting_user=acting_user)
    return _("评价链接已生成并发送(仅显示这一次):%(path)s") % {"path": path}


def callback(appeal: Appeal, data: dict, *, acting_user) -> str:
    actions.record_callback(
        appeal,
        acting_user=acting_user,
        called_by=data["called_by"],
        called_at=data["called_at"],
        satisfaction=data["satisfaction"],
        resolution=data["resolution"],
        comment=data["comment"],
    )
    return _("已记录回访:%(v)s。") % {"v": _verdict(appeal)}


def _dispatch_form(data, appeal: Appeal, user) -> forms.Form:
    return DispatchForm(data, appeal=appeal)


def _merge_form(data, appeal: Appeal, user) -> forms.Form:
    form = MergeForm(data)
    form.fields["master"].queryset = Appeal.objects.visible_to(user)
    return form


def _plain(form_class: type[forms.Form]) -> Callable:
    return lambda data, appeal, user: form_class(data)


@dataclass(frozen=True)
class StepService:
    """A step: the form that cleans its input (None: it takes none) and the service."""

    form: Callable[..., forms.Form] | None
    run: Callable[..., str]  # takes the step; says what happened


STEPS: dict[str, StepService] = {
    "accept": StepService(None, accept),
    "dispatch": StepService(_dispatch_form, dispatch),
    "acknowledge": StepService(None, acknowledge),
    "progress": StepService(_plain(NoteForm), progress),
    "answer": StepService(_plain(AnswerForm), answer),
    "return": StepService(_plain(NoteForm), return_),
    "mark": StepService(_plain(MarkForm), mark),
    "reopen": StepService(_plain(ReopenForm), reopen),
    "conclude": StepService(_plain(NoteForm), conclude),
    "merge": StepService(_merge_form, merge),
    "escalate": StepService(_plain(NoteForm), escalate),
    "publish": StepService(_plain(PublishForm), publish),
    "extend": StepService(_plain(ExtensionForm), extend),
    "mark_link": StepService(None, mark_link),
    "callback": StepService(_plain(CallbackForm), callback),
    "grant_extension": StepService(_plain(NoteForm), grant_extension),
    "refuse_extension": StepService(_plain(NoteForm), refuse_extension),
}


def step_service(name: str) -> StepService:
    """The step called ``name``; 404 for an unknown one."""
    service = STEPS.get(name)
    if service is None:
        raise Http404
    return service


def take_step(appeal: Appeal, name: str, data: Mapping, *, acting_user) -> str:
    """Clean ``data`` (a form post or an API payload) with the step's form and take it;
    what the step says happened, if it says so."""
    service = step_service(name)
    values = cleaned(service.form(data, appeal, acting_user)) if service.form else {}
    return service.run(appeal, values, acting_user=acting_user)


def open_appeal(user, data: dict) -> Appeal:
    """The desk registers an appeal or complaint for its county; an enterprise user submits
    one for their enterprise."""
    if access.registers_for_county(user):
        return actions.register_appeal(acting_user=user, county=user.division, **data)
    return actions.submit_appeal(acting_user=user, **data)
