"""并联审批 pages: the board, a case with its timeline, a department's queue, the enterprise's
own cases, the catalogue, and the project page's case panel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin.accounts.access import get_visible_or_404, reads_county_data, require
from rixin.views import form_page

from . import access, actions, figures
from .choices import CaseStatus, ItemStatus
from .forms import (
    CatalogueItemForm,
    ConveneForm,
    OpenCaseForm,
    SignOffForm,
    StageForm,
    StepForm,
    UploadForm,
)
from .models import (
    Case,
    CaseItem,
    CatalogueItem,
    JointAcceptance,
    SignOff,
    Stage,
    SupplementaryFile,
)


def _case_rows(cases, today):
    """Each case with its figures, from three queries for the whole list."""
    items = list(figures.items_with_clocks(CaseItem.objects.filter(case__in=cases)))
    by_case: dict[int, list] = {}
    for item in items:
        by_case.setdefault(item.case_id, []).append(item)
    rows = []
    for case in cases:
        own = by_case.get(case.pk, [])
        rows.append(
            {
                "case": case,
                "working_days": figures.case_working_days(own, today),
                "target": figures.national_target(case),
                "overdue": len(figures.overdue_items(own, today)),
                "bottleneck": figures.bottleneck(own, today),
                "decided": sum(1 for i in own if i.is_decided),
                "total": len(own),
            }
        )
    return rows, items


@require(access.reads_approvals)
def board(request):
    """The county's approvals board (the enterprise sees its own cases)."""
    today = timezone.localdate()
    cases = list(
        Case.objects.visible_to(request.user).select_related("project", "county", "project__owner")
    )
    rows, items = _case_rows(cases, today)
    context = {
        "rows": rows,
        "overdue": figures.overdue_items(items, today),
        "timeliness": figures.department_timeliness(items, today),
        "facilitated": figures.facilitated_share(items),
        "mean_days": figures.mean_working_days(items, today),
        "can_open": access.is_desk(request.user),
        "today": today,
    }
    return render(request, "approvals/board.html", context)


@require(access.reads_approvals)
def case_detail(request, pk: int):
    case = get_visible_or_404(
        Case.objects.select_related("project", "project__owner", "county"), request.user, pk=pk
    )
    today = timezone.localdate()
    stages = list(case.stages.select_related("stage", "stage__lead_department"))
    items = list(
        figures.items_with_clocks(case.items.all()).prefetch_related("files", "catalogue_item")
    )
    by_stage: dict[int, list] = {}
    for item in items:
        item.used = figures.working_days_used(item, today)
        item.due = figures.due_date(item)
        item.overdue = figures.is_overdue(item, today)
        item.may_decide = access.may_decide(request.user, item)
        by_stage.setdefault(item.case_stage_id, []).append(item)
    for case_stage in stages:
        case_stage.case_items = by_stage.get(case_stage.pk, [])
        case_stage.span = figures.stage_span(case_stage, case_stage.case_items, today)
    acceptance = JointAcceptance.objects.filter(case=case).first()
    signoffs = list(acceptance.signoffs.select_related("department")) if acceptance else []
    for signoff in signoffs:
        signoff.may_sign = access.may_sign(request.user, signoff) and signoff.signed_on is None
    user = request.user
    context = {
        "case": case,
        "stages": stages,
        "items": items,
        "acceptance": acceptance,
        "signoffs": signoffs,
        "working_days": figures.case_working_days(items, today),
        "target": figures.national_target(case),
        "bottleneck": figures.bottleneck(items, today),
        "facilitated": figures.facilitated_share(items),
        "chart": figures.timeline(case, stages, items, today),
        "transitions": case.transitions.select_related("item", "department", "actor"),
        "is_desk": access.is_desk(user) and user.county_code == case.county_id,
        "is_applicant": access.is_applicant_of(user, case),
        "step_form": StepForm(),
        "sign_form": SignOffForm(),
        "upload_form": UploadForm(),
        "today": today,
    }
    return render(request, "approvals/case_detail.html", context)


@require(access.is_desk)
def case_create(request):
    form = OpenCaseForm(request.POST or None)

    def save(form):
        data = form.cleaned_data
        return actions.open_case(
            acting_user=request.user,
            county=request.user.division,
            project_code=data["project_code"],
            project_type=data["project_type"],
            opened_on=data["opened_on"],
        )

    return form_page(
        request,
        form,
        "approvals/form.html",
        save=save,
        success_message=_("审批案件已立案。"),
        success_url=lambda case: reverse("approval_case", args=[case.pk]),
        context={"title": _("立案:新的审批案件")},
    )


def _error_text(exc: ValidationError) -> str:
    return ";".join(exc.messages)


@require_POST
@require(access.acts_on_items)
def item_step(request, pk: int, step: str):
    item = get_visible_or_404(CaseItem, request.user, pk=pk)
    if step not in actions.STEPS:
        return redirect("approval_case", item.case_id)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _error_text(ValidationError(form.errors)))
    else:
        try:
            actions.take_step(item, step, form.cleaned_data, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("已记录:%(item)s") % {"item": item.name})
    return redirect("approval_case", item.case_id)


@require_POST
@require(access.is_desk)
def convene(request, pk: int):
    case = get_visible_or_404(Case, request.user, pk=pk)
    form = ConveneForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        actions.convene_joint_acceptance(case, acting_user=request.user, on=form.cleaned_data["on"])
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("已发起联合验收。"))
    return redirect("approval_case", case.pk)


@require_POST
@require(access.is_county_officer)
def signoff(request, pk: int):
    row = _signoff_or_404(request.user, pk)
    form = SignOffForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        data = form.cleaned_data
        actions.sign_off(
            row,
            acting_user=request.user,
            passed=data["passed"],
            on=data["on"],
            opinion=data["opinion"],
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("验收意见已签署。"))
    return redirect("approval_case", row.acceptance.case_id)


def _signoff_or_404(user, pk: int) -> SignOff:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        SignOff.objects.select_related("acceptance").filter(
            acceptance__case__in=Case.objects.visible_to(user)
        ),
        pk=pk,
    )


@require(access.is_county_officer)
def queue(request):
    """The department's items, nearest deadline first."""
    today = timezone.localdate()
    items = list(
        figures.items_with_clocks(
            CaseItem.objects.open().filter(department_id=request.user.department_id)
        )
    )
    for item in items:
        item.used = figures.working_days_used(item, today)
        item.due = figures.due_date(item)
        item.overdue = figures.is_overdue(item, today)
    return render(
        request,
        "approvals/queue.html",
        {"items": figures.queue_order(items, today), "today": today},
    )


@require(access.is_applicant)
def mine(request):
    """The enterprise's own cases."""
    today = timezone.localdate()
    cases = list(Case.objects.visible_to(request.user).select_related("project", "county"))
    rows, _items = _case_rows(cases, today)
    return render(request, "approvals/mine.html", {"rows": rows, "today": today})


@require_POST
@require(access.is_applicant)
def upload(request, pk: int):
    item = get_visible_or_404(CaseItem, request.user, pk=pk)
    form = UploadForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors)
        actions.add_supplementary_file(item, form.cleaned_data["file"], acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("补充材料已上传。"))
    return redirect("approval_case", item.case_id)


@require(access.reads_approvals)
def file_download(request, pk: int):
    from django.shortcuts import get_object_or_404

    row = get_object_or_404(
        SupplementaryFile.objects.filter(item__case__in=Case.objects.visible_to(request.user)),
        pk=pk,
    )
    return FileResponse(
        row.file.open("rb"),
        as_attachment=True,
        filename=row.original_name,
        content_type=row.content_type,
    )


# The catalogue -----------------------------------------------------------------------------


@require(reads_county_data)
def catalogue(request):
    stages = (
        Stage.objects.visible_to(request.user)
        .select_related("county", "lead_department")
        .prefetch_related("items__department")
    )
    return render(
        request,
        "approvals/catalogue.html",
        {"stages": stages, "can_edit": access.is_county_admin(request.user)},
    )


@require_POST
@require(access.is_county_admin)
def catalogue_seed(request):
    try:
        count = actions.seed_catalogue(request.user.division, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("已按国家四个阶段初始化目录,共%(n)d个事项。") % {"n": count})
    return redirect("approval_catalogue")


@require(access.is_county_admin)
def stage_edit(request, pk: int):
    stage = get_visible_or_404(Stage, request.user, pk=pk)
    form = StageForm(request.POST or None, instance=stage, county_code=stage.county_id)
    return form_page(
        request,
        form,
        "approvals/form.html",
        save=lambda form: actions.update_stage(
            stage, form.changes(), acting_user=request.user, expected_version=form.expected_version
        ),
        success_message=_("阶段已保存。"),
        success_url=reverse("approval_catalogue"),
        context={"title": stage.name},
    )


@require(access.is_county_admin)
def catalogue_item_edit(request, pk: int | None = None):
    county_code = request.user.county_code
    entry = get_visible_or_404(CatalogueItem, request.user, pk=pk) if pk else None
    form = CatalogueItemForm(request.POST or None, instance=entry, county_code=county_code)

    def save(form):
        if entry is None:
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            return actions.save_catalogue_item(
                acting_user=request.user, county=request.user.division, **data
            )
        return actions.update_catalogue_item(
            entry, form.changes(), acting_user=request.user, expected_version=form.expected_version
        )

    return form_page(
        request,
        form,
        "approvals/form.html",
        save=save,
        success_message=_("审批事项已保存。"),
        success_url=reverse("approval_catalogue"),
        context={"title": entry.name if entry else _("新增审批事项")},
    )


# The project page's panel ------------------------------------------------------------------


def case_panel_context(project, user) -> dict:
    """What ``approvals/_project_panel.html`` shows on the project page: the project's cases
    that ``user`` may see, each with its figures."""
    today = timezone.localdate()
    cases = list(Case.objects.visible_to(user).filter(project=project).select_related("project"))
    rows, _items = _case_rows(cases, today)
    return {
        "approval_rows": rows,
        "approval_can_open": access.is_desk(user)
        and user.county_code == project.county_id
        and bool(project.code)
        and not any(r["case"].status == CaseStatus.OPEN for r in rows),
        "approval_running": ItemStatus.RUNNING,
    }
