import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin.accounts.access import get_visible_or_404, reads_county_data, require
from rixin.regions.models import Division
from rixin.spreadsheets.exports import Sheet, export_xlsx

from . import actions, deadlines, documents, scorecards
from .choices import PaperStatus, Status
from .forms import (
    AnswerForm,
    AppealFilterForm,
    CategoryForm,
    DispatchForm,
    IssuePaperForm,
    MarkForm,
    MergeForm,
    NoteForm,
    PeriodForm,
    PolicyForm,
    PublishForm,
    RegisterForm,
    SubmitForm,
)
from .models import (
    Appeal,
    AppealPolicy,
    Attachment,
    Category,
    Paper,
    is_coordinator,
    shows_complainant_to,
)
from .steps import available_steps

LIST_RELATED = ("county", "enterprise", "category", "lead_department")


def reads_appeals(user) -> bool:
    return user.is_authenticated and (user.reads_county_data or user.is_enterprise_user)


def is_officer(user) -> bool:
    return user.is_authenticated and user.role == "officer" and user.county_code is not None


def acts_on_appeals(user) -> bool:
    return (
        user.is_authenticated
        and user.county_code is not None
        and user.role in ("officer", "leader", "enterprise")
    )


def opens_appeals(user) -> bool:
    return is_coordinator(user) or (
        user.is_authenticated and user.is_enterprise_user and bool(user.enterprise_id)
    )


def _error_text(exc: ValidationError) -> str:
    return ";".join(exc.messages)


# ---------------------------------------------------------------- lists


@require(reads_appeals)
def appeal_list(request):
    form = AppealFilterForm(request.GET or None)
    queryset = Appeal.objects.visible_to(request.user).select_related(*LIST_RELATED)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            queryset = queryset.filter(title__icontains=data["q"]) | queryset.filter(
                number__icontains=data["q"]
            )
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    rows = [(appeal, appeal.requester_for(request.user)) for appeal in page]
    template = "appeals/appeal_list.html#results" if request.htmx else "appeals/appeal_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "rows": rows,
            "total": page.paginator.count,
            "can_open": opens_appeals(request.user),
            "today": timezone.localdate(),
        },
    )


@require(is_officer)
def appeal_inbox(request):
    """A department's inbox: due today, due soon, overdue; the desk also sees its queue."""
    user, today = request.user, timezone.localdate()
    policy = AppealPolicy.for_county(user.county_code)
    waiting = deadlines.waiting_assignments().filter(appeal__county_id=user.county_code)
    if not is_coordinator(user):
        waiting = waiting.filter(department_id=user.department_id)
    waiting = list(
        waiting.select_related(
            "appeal", "appeal__enterprise", "appeal__category", "department"
        ).order_by("deadline")
    )
    soon = deadlines.add_working_days(today, policy.reminder_days)
    queue = []
    if is_coordinator(user):
        queue = list(
            Appeal.objects.filter(
                county_id=user.county_code,
                status__in=[
                    Status.SUBMITTED,
                    Status.REGISTERED,
                    Status.RETURNED,
                    Status.UNSATISFIED,
                ],
            ).select_related(*LIST_RELATED)
        )
    context = {
        "overdue": [a for a in waiting if a.deadline < today],
        "due_today": [a for a in waiting if a.deadline == today],
        "due_soon": [a for a in waiting if today < a.deadline <= soon],
        "later": [a for a in waiting if a.deadline > soon],
        "queue": queue,
        "today": today,
        "is_desk": is_coordinator(user),
    }
    return render(request, "appeals/inbox.html", context)


# ---------------------------------------------------------------- one appeal


@require(opens_appeals)
def appeal_create(request):
    user = request.user
    county = user.county_code
    form_class = RegisterForm if is_coordinator(user) else SubmitForm
    form = form_class(request.POST or None, request.FILES or None, county_code=county)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            appeal = _open_appeal(user, data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已登记诉求 %(n)s。") % {"n": appeal.number})
            return redirect("appeal_detail", pk=appeal.pk)
    return render(
        request, "appeals/appeal_form.html", {"form": form, "is_desk": is_coordinator(user)}
    )


def _open_appeal(user, data: dict) -> Appeal:
    if not is_coordinator(user):
        return actions.submit_appeal(acting_user=user, **data)
    return actions.register_appeal(acting_user=user, county=user.division, **data)


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@require(reads_appeals)
def appeal_detail(request, pk):
    appeal = get_visible_or_404(
        Appeal.objects.select_related(*LIST_RELATED, "master"), request.user, pk=pk
    )
    user = request.user
    assignments = list(appeal.assignments.select_related("department"))
    transitions = appeal.transitions.select_related("actor", "department")
    if user.is_enterprise_user:
        transitions = transitions.filter(for_enterprise=True)
    steps = available_steps(user, appeal, assignments)
    context = {
        "appeal": appeal,
        "requester": appeal.requester_for(user),
        "shows_complainant": shows_complainant_to(user, appeal) and not user.is_enterprise_user,
        "assignments": assignments,
        "transitions": transitions,
        "attachments": appeal.attachments.all(),
        "merged": appeal.merged.select_related("enterprise"),
        "steps": steps,
        "dispatch_form": DispatchForm(appeal=appeal) if "dispatch" in steps else None,
        "answer_form": AnswerForm(initial={"done_on": timezone.localdate()}),
        "mark_form": MarkForm(),
        "merge_candidates": _merge_candidates(appeal) if "merge" in steps else [],
        "today": timezone.localdate(),
    }
    return render(request, "appeals/appeal_detail.html", context)


def _merge_candidates(appeal: Appeal):
    return (
        Appeal.objects.filter(
            county_id=appeal.county_id,
            kind=appeal.kind,
            master__isnull=True,
            status__in=[Status.REGISTERED, Status.DISPATCHED, Status.IN_PROGRESS],
        )
        .exclude(pk=appeal.pk)
        .only("pk", "number", "title")[:100]
    )


def _bound(form):
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


def _note(request) -> str:
    return _bound(NoteForm(request.POST))["note"]


def _dispatch(request, appeal):
    data = _bound(DispatchForm(request.POST, appeal=appeal))
    actions.dispatch_appeal(
        appeal, acting_user=request.user, lead=data["lead"], co=list(data["co"]), note=data["note"]
    )


def _progress(request, appeal):
    data = _bound(NoteForm(request.POST))
    actions.add_progress(
        appeal, data["note"], acting_user=request.user, for_enterprise=not data["internal"]
    )


def _answer(request, appeal):
    data = _bound(AnswerForm(request.POST))
    actions.answer_appeal(
        appeal,
        acting_user=request.user,
        solution=data["solution"],
        post=data["post"],
        done_on=data["done_on"],
    )


def _mark(request, appeal):
    data = _bound(MarkForm(request.POST))
    actions.mark_answer(
        appeal,
        acting_user=request.user,
        satisfaction=data["satisfaction"],
        resolution=data["resolution"],
        comment=data["comment"],
    )


def _merge(request, appeal):
    form = MergeForm(request.POST)
    form.fields["master"].queryset = Appeal.objects.visible_to(request.user)
    actions.merge_appeal(appeal, _bound(form)["master"], acting_user=request.user)


STEP_HANDLERS = {
    "accept": lambda r, a: actions.accept_appeal(a, acting_user=r.user),
    "dispatch": _dispatch,
    "acknowledge": lambda r, a: actions.acknowledge_appeal(a, acting_user=r.user),
    "progress": _progress,
    "answer": _answer,
    "return": lambda r, a: actions.return_appeal(a, _note(r), acting_user=r.user),
    "mark": _mark,
    "reopen": lambda r, a: actions.reopen_appeal(a, _note(r), acting_user=r.user),
    "conclude": lambda r, a: actions.conclude_appeal(a, _note(r), acting_user=r.user),
    "merge": _merge,
    "escalate": lambda r, a: actions.escalate_appeal(a, _note(r), acting_user=r.user),
    "publish": lambda r, a: actions.publish_appeal(
        a, _bound(PublishForm(r.POST))["is_public"], acting_user=r.user
    ),
}


@require_POST
@require(acts_on_appeals)
def appeal_step(request, pk, step):
    """One step of the loop, posted from the appeal page."""
    handler = STEP_HANDLERS.get(step)
    if handler is None:
        raise Http404
    appeal = get_visible_or_404(Appeal, request.user, pk=pk)
    try:
        handler(request, appeal)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("已保存。"))
    return redirect("appeal_detail", pk=pk)


@require(reads_appeals)
def attachment_download(request, pk):
    attachment = Attachment.objects.select_related("appeal").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    get_visible_or_404(Appeal, request.user, pk=attachment.appeal_id)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=attachment.content_type == "application/pdf",
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require(reads_county_data)
def appeal_export(request):
    appeals = Appeal.objects.visible_to(request.user).select_related(*LIST_RELATED)
    return export_xlsx(
        "appeals.xlsx",
        [documents.appeals_sheet(appeals, request.user)],
        acting_user=request.user,
        what="appeals.appeal",
        county=request.user.county_code or "",
        rows=appeals.count(),
    )


# ---------------------------------------------------------------- the monthly paper


@require(reads_county_data)
def paper_list(request):
    papers = Paper.objects.visible_to(request.user).select_related("county")
    return render(
        request,
        "appeals/paper_list.html",
        {"papers": papers, "form": IssuePaperForm(), "can_issue": is_coordinator(request.user)},
    )


@require_POST
@require(is_coordinator)
def paper_issue(request):
    form = IssuePaperForm(request.POST)
    try:
        data = _bound(form)
        paper = actions.issue_paper(
            request.user.division,
            data["month"],
            acting_user=request.user,
            meeting_on=data["meeting_on"],
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("paper_list")
    messages.success(
        request, _("%(t)s 已出卷,共 %(n)s 件。") % {"t": paper.title, "n": paper.appeals.count()}
    )
    return redirect("paper_detail", pk=paper.pk)


def paper_results(paper: Paper, as_of: datetime.date) -> dict:
    """The result sheet: counts, each department's rates, and what is carried into next month."""
    appeals = paper.appeals.all()
    return {
        "summary": scorecards.summarize(appeals, as_of),
        "cards": scorecards.department_scorecards(appeals, paper.county_id, as_of),
        "carried": appeals.exclude(status=Status.CLOSED).select_related(*LIST_RELATED),
    }


@require(reads_county_data)
def paper_detail(request, pk):
    paper = get_visible_or_404(Paper.objects.select_related("county"), request.user, pk=pk)
    as_of = timezone.localdate()
    context = {
        "paper": paper,
        "rows": documents.answer_sheet_rows(paper, request.user),
        "as_of": as_of,
        "headers": documents.ANSWER_SHEET_HEADERS,
        **paper_results(paper, as_of),
        "issued": paper.status == PaperStatus.ISSUED,
    }
    return render(request, "appeals/paper_detail.html", context)


@require(reads_county_data)
def paper_docx(request, pk):
    paper = get_visible_or_404(Paper.objects.select_related("county"), request.user, pk=pk)
    response = HttpResponse(
        documents.answer_sheet_docx(paper, request.user),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f"attachment; filename=answer-sheet-{paper.month:%Y-%m}.docx"
    return response


@require(reads_county_data)
def paper_results_xlsx(request, pk):
    paper = get_visible_or_404(Paper.objects.select_related("county"), request.user, pk=pk)
    results = paper_results(paper, timezone.localdate())
    sheet = Sheet(
        _("结果"), [str(h) for h in RESULT_HEADERS], documents.paper_result_rows(results["cards"])
    )
    return export_xlsx(
        f"results-{paper.month:%Y-%m}.xlsx",
        [sheet],
        acting_user=request.user,
        what="appeals.paper",
        county=paper.county_id,
    )


RESULT_HEADERS = documents.RESULT_HEADERS  # noqa: E305


# ---------------------------------------------------------------- scorecards


def _county_for(request, form) -> Division | None:
    codes = request.user.visible_county_codes()
    wanted = form.cleaned_data.get("county") if form.is_valid() else ""
    code = (
        wanted if wanted in codes else (request.user.county_code or (codes[0] if codes else None))
    )
    if wanted and wanted not in codes:
        raise Http404
    return Division.objects.filter(code=code).first() if code else None


@require(reads_county_data)
def scorecard_page(request):
    form = PeriodForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    county = _county_for(request, form)
    # Without a chosen period: the year of the latest registered appeal, up to that appeal's
    # year end or today, so a county opens on figures rather than on an empty year.
    today = timezone.localdate()
    latest = Appeal.objects.visible_to(request.user).aggregate(latest=Max("registered_at"))[
        "latest"
    ]
    year = timezone.localtime(latest).year if latest else today.year
    start = data.get("start") or datetime.date(year, 1, 1)
    end = data.get("end") or min(today, datetime.date(year, 12, 31))
    figures = (
        scorecards.county_appeal_figures(county.code, start, end)
        if county
        else {"summary": None, "scorecards": []}
    )
    chart = {
        "departments": [c.department.name for c in figures["scorecards"]],
        "score": [float(c.score) if c.score is not None else None for c in figures["scorecards"]],
        "satisfaction": [
            float(c.satisfaction_rate) if c.satisfaction_rate is not None else None
            for c in figures["scorecards"]
        ],
    }
    counties = Division.objects.filter(code__in=request.user.visible_county_codes()).order_by(
        "code"
    )
    by_county = _county_summaries(counties, start, end) if len(counties) > 1 else []
    context = {
        "form": form,
        "start": start,
        "end": end,
        "county": county,
        "chart": chart,
        "counties": counties,
        "by_county": by_county,
        "policy": AppealPolicy.for_county(county.code) if county else None,
        **figures,
    }
    return render(request, "appeals/scorecards.html", context)


def _county_summaries(counties, start, end) -> list:
    """City and province viewers: each county's counts, from one query."""
    appeals = scorecards.appeals_of_counties_in_period([c.code for c in counties], start, end)
    found = scorecards.summarize_by_county(appeals)
    return [(county, found.get(county.code, scorecards.EMPTY_SUMMARY)) for county in counties]


# ---------------------------------------------------------------- catalogue and policy


@require(reads_county_data)
def category_list(request):
    categories = Category.objects.visible_to(request.user).select_related(
        "county", "default_department"
    )
    return render(
        request,
        "appeals/category_list.html",
        {"categories": categories, "can_edit": is_coordinator(request.user)},
    )


@require(is_coordinator)
def category_edit(request, pk=None):
    user = request.user
    category = get_visible_or_404(Category, user, pk=pk) if pk else None
    if category is not None and category.county_id != user.county_code:
        raise PermissionDenied
    form = CategoryForm(request.POST or None, instance=category, county_code=user.county_code)
    if request.method == "POST" and form.is_valid():
        try:
            if category is None:
                fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
                actions.create_category(acting_user=user, county=user.division, **fields)
            else:
                actions.update_category(
                    Category.objects.get(pk=pk),
                    form.changes(),
                    acting_user=user,
                    expected_version=form.expected_version,
                )
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("category_list")
    return render(request, "appeals/category_form.html", {"form": form, "category": category})


@require(is_coordinator)
def policy_edit(request):
    user = request.user
    policy = AppealPolicy.for_county(user.county_code)
    form = PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_policy(
                user.division,
                {f: form.cleaned_data[f] for f in PolicyForm.Meta.fields},
                acting_user=user,
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("scorecards")
    return render(request, "appeals/policy_form.html", {"form": form})
