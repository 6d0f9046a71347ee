"""The steps of the appeal loop as services: each takes the appeal, the cleaned data of its
form and the actor, and calls the action. The appeal page and the API both come here
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


def accept(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.accept_appeal(appeal, acting_user=acting_user)


def dispatch(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.dispatch_appeal(
        appeal,
        acting_user=acting_user,
        lead=data["lead"],
        co=list(data["co"]),
        note=data["note"],
        deadline_days=data.get("deadline_days"),
    )


def acknowledge(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.acknowledge_appeal(appeal, acting_user=acting_user)


def progress(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.add_progress(
        appeal, data["note"], acting_user=acting_user, for_enterprise=not data["internal"]
    )


def answer(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.answer_appeal(
        appeal,
        acting_user=acting_user,
        solution=data["solution"],
        post=data["post"],
        done_on=data["done_on"],
    )


def return_(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.return_appeal(appeal, data["note"], acting_user=acting_user)


def mark(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.mark_answer(
        appeal,
        acting_user=acting_user,
        satisfaction=data["satisfaction"],
        resolution=data["resolution"],
        comment=data["comment"],
    )


def reopen(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.reopen_appeal(
        appeal, data["note"], acting_user=acting_user, deadline_days=data.get("deadline_days")
    )


def conclude(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.conclude_appeal(appeal, data["note"], acting_user=acting_user)


def merge(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.merge_appeal(appeal, data["master"], acting_user=acting_user)


def escalate(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.escalate_appeal(appeal, data["note"], acting_user=acting_user)


def publish(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.publish_appeal(appeal, data["is_public"], acting_user=acting_user)


def extend(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.request_extension(
        appeal, data.get("deadline_days"), data["note"], acting_user=acting_user
    )


def grant_extension(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.decide_extension(appeal, granted=True, note=data["note"], acting_user=acting_user)


def refuse_extension(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.decide_extension(appeal, granted=False, note=data["note"], acting_user=acting_user)


def mark_link(appeal: Appeal, data: dict, *, acting_user) -> str:
    path = actions.issue_marking_link(appeal, acting_user=acting_user)
    return _("评价链接已生成并发送(仅显示这一次):%(path)s") % {"path": path}


def callback(appeal: Appeal, data: dict, *, acting_user) -> None:
    actions.record_callback(
        appeal,
        acting_user=acting_user,
        called_by=data["called_by"],
        called_at=data["called_at"],
        satisfaction=data["satisfaction"],
        resolution=data["resolution"],
        comment=data["comment"],
    )


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
    run: Callable[..., None]


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


def take_step(appeal: Appeal, name: str, data: Mapping, *, acting_user) -> str | None:
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
