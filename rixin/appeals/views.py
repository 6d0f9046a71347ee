import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin.accounts.access import get_visible_or_404, reads_county_data, require
from rixin.figurecache import cached_figures
from rixin.regions.models import Division
from rixin.spreadsheets.exports import Sheet, content_disposition, export_xlsx
from rixin.views import form_page

from . import actions, deadlines, documents, scorecards, steps
from .access import (
    acts_on_appeals,
    available_steps,
    category_or_403,
    edits_category,
    inbox_assignments,
    is_coordinator,
    is_officer,
    opens_appeals,
    reads_appeals,
    registers_for_county,
    scorecard_county_code,
    shows_complainant_on_page,
    visible_transitions,
)
from .choices import PaperStatus, Status
from .forms import (
    AnswerForm,
    AppealFilterForm,
    CategoryForm,
    DispatchForm,
    IssuePaperForm,
    MarkForm,
    PeriodForm,
    PolicyForm,
    RegisterForm,
    SubmitForm,
)
from .models import Appeal, AppealPolicy, Attachment, Category, MarkingLink, Paper

LIST_RELATED = ("county", "enterprise", "category", "lead_department")


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
    waiting = list(
        inbox_assignments(user, deadlines.waiting_assignments())
        .select_related("appeal", "appeal__enterprise", "appeal__category", "department")
        .order_by("deadline")
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
    overdue = [a for a in waiting if a.appeal.is_overdue(today)]
    # A new dispatch waits to be taken (待签收) before it counts among the ones in hand.
    to_acknowledge = [a for a in waiting if a.acknowledged_at is None and a not in overdue]
    in_hand = [a for a in waiting if a.acknowledged_at is not None]
    context = {
        "overdue": overdue,
        "to_acknowledge": to_acknowledge,
        "due_today": [a for a in in_hand if a.deadline == today],
        "due_soon": [a for a in in_hand if today < a.deadline <= soon],
        "later": [a for a in in_hand if a.deadline > soon],
        "queue": queue,
        "today": today,
        "is_desk": is_coordinator(user),
    }
    return render(request, "appeals/inbox.html", context)


# ---------------------------------------------------------------- one appeal


@require(opens_appeals)
def appeal_create(request):
    user = request.user
    is_desk = registers_for_county(user)
    form_class = RegisterForm if is_desk else SubmitForm
    form = form_class(request.POST or None, request.FILES or None, county_code=user.county_code)
    return form_page(
        request,
        form,
        "appeals/appeal_form.html",
        save=lambda form: steps.open_appeal(user, dict(form.cleaned_data)),
        success_message=lambda appeal: _("已登记诉求 %(n)s。") % {"n": appeal.number},
        success_url=lambda appeal: reverse("appeal_detail", args=[appeal.pk]),
        context={"is_desk": is_desk},
    )


@require(reads_appeals)
def appeal_detail(request, pk):
    appeal = get_visible_or_404(
        Appeal.objects.select_related(*LIST_RELATED, "master"), request.user, pk=pk
    )
    user = request.user
    assignments = list(appeal.assignments.select_related("department"))
    transitions = visible_transitions(
        user, appeal.transitions.select_related("actor", "department")
    )
    extension = actions.pending_extension(appeal)
    offered = available_steps(user, appeal, assignments, extension)
    context = {
        "appeal": appeal,
        "requester": appeal.requester_for(user),
        "shows_complainant": shows_complainant_on_page(user, appeal),
        "assignments": assignments,
        "transitions": transitions,
        "attachments": appeal.attachments.all(),
        # Each merged appeal's requester as this user may read it (a merged complaint's
        # complainant stays hidden from the department complained about).
        "merged": [(m, m.requester_for(user)) for m in appeal.merged.select_related("enterprise")],
        "steps": offered,
        "dispatch_form": DispatchForm(appeal=appeal) if "dispatch" in offered else None,
        "answer_form": AnswerForm(initial={"done_on": timezone.localdate()}),
        "mark_form": MarkForm(),
        "merge_candidates": _merge_candidates(appeal) if "merge" in offered else [],
        "policy": AppealPolicy.for_county(appeal.county_id),
        "extension": extension,
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


@require_POST
@require(acts_on_appeals)
def appeal_step(request, pk, step):
    """One step of the loop, posted from the appeal page."""
    steps.step_service(step)
    appeal = get_visible_or_404(Appeal, request.user, pk=pk)
    try:
        said = steps.take_step(appeal, step, request.POST, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, said)
    return redirect("appeal_detail", pk=pk)


@login_not_required
def mark_by_link(request, token):
    """The marking page a contact opens from the one-time link, without an account: 404 for
    a token that never existed, 410 for one used, expired, or whose answer is marked."""
    link = MarkingLink.objects.for_token(token).select_related("appeal", "appeal__county").first()
    if link is None:
        raise Http404
    if not link.is_open(timezone.localdate()):
        return render(request, "appeals/mark_link_gone.html", status=410)
    form = MarkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.mark_by_link(token, **_mark_values(form.cleaned_data))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "appeals/mark_link_done.html", {"appeal": link.appeal})
    return render(request, "appeals/mark_link.html", {"appeal": link.appeal, "form": form})


def _mark_values(data: dict) -> dict:
    return {k: data[k] for k in ("satisfaction", "resolution", "comment")}


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
        _("诉求台账.xlsx"),
        [documents.appeals_sheet(appeals, request.user)],
        ascii_name="appeals.xlsx",
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
        data = steps.cleaned(form)
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
    response["Content-Disposition"] = content_disposition(
        _("以月答卷-%(month)s.docx") % {"month": f"{paper.month:%Y-%m}"},
        f"answer-sheet-{paper.month:%Y-%m}.docx",
    )
    return response


@require(reads_county_data)
def paper_results_xlsx(request, pk):
    paper = get_visible_or_404(Paper.objects.select_related("county"), request.user, pk=pk)
    results = paper_results(paper, timezone.localdate())
    sheet = Sheet(
        _("结果"), [str(h) for h in RESULT_HEADERS], documents.paper_result_rows(results["cards"])
    )
    return export_xlsx(
        _("以月答卷结果-%(month)s.xlsx") % {"month": f"{paper.month:%Y-%m}"},
        [sheet],
        ascii_name=f"results-{paper.month:%Y-%m}.xlsx",
        acting_user=request.user,
        what="appeals.paper",
        county=paper.county_id,
    )


RESULT_HEADERS = documents.RESULT_HEADERS  # noqa: E305


# ---------------------------------------------------------------- scorecards


def _county_for(request, form) -> Division | None:
    wanted = form.cleaned_data.get("county") if form.is_valid() else ""
    code = scorecard_county_code(request.user, wanted)
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
    policy = AppealPolicy.for_county(county.code) if county else None
    figures = (
        cached_figures(
            "scorecards",
            county.code,
            f"{start}:{end}",
            lambda: scorecards.county_appeal_figures(county.code, start, end, policy=policy),
        )
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
        "policy": policy,
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
    user = request.user
    categories = Category.objects.visible_to(user).select_related("county", "default_department")
    return render(
        request,
        "appeals/category_list.html",
        {
            "rows": [(c, edits_category(user, c)) for c in categories],
            "can_edit": edits_category(user, None),
        },
    )


@require(is_coordinator)
def category_edit(request, pk=None):
    user = request.user
    category = get_visible_or_404(Category, user, pk=pk) if pk else None
    category_or_403(user, category)
    form = CategoryForm(request.POST or None, instance=category, county_code=user.county_code)

    def save(form):
        if category is None:
            fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            return actions.create_category(acting_user=user, county=user.division, **fields)
        return actions.update_category(
            Category.objects.get(pk=pk),
            form.changes(),
            acting_user=user,
            expected_version=form.expected_version,
        )

    return form_page(
        request,
        form,
        "appeals/category_form.html",
        save=save,
        success_message=_("已保存。"),
        success_url=reverse("category_list"),
        context={"category": category},
    )


@require(is_coordinator)
def policy_edit(request):
    user = request.user
    form = PolicyForm(request.POST or None, instance=AppealPolicy.for_county(user.county_code))
    return form_page(
        request,
        form,
        "appeals/policy_form.html",
        save=lambda form: actions.save_policy(
            user.division,
            {f: form.cleaned_data[f] for f in PolicyForm.Meta.fields},
            acting_user=user,
        ),
        success_message=_("已保存。"),
        success_url=reverse("scorecards"),
    )
