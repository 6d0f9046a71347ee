from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin.accounts.access import get_visible_or_404, reads_county_data, require
from rixin.figurecache import cached_figures
from rixin.money import yi
from rixin.regions.models import Division
from rixin.spreadsheets.exports import Sheet, export_xlsx
from rixin.views import form_page

from . import actions, kpis
from .access import confidential, reviews_leads, sees_leads, writes_investment
from .choices import PIPELINE, Stage, TargetPeriod
from .forms import (
    ActivityForm,
    AgreementForm,
    EventForm,
    LeadForm,
    LostReasonForm,
    MoveForm,
    ReviewForm,
    TargetForm,
    TeamForm,
)
from .importers import AgreementRows, LeadImporter
from .models import (
    Activity,
    Agreement,
    AgreementParty,
    Lead,
    LostReason,
    SigningEvent,
    Team,
)


def _form_page(request, form, title: str, **kwargs):
    """The module's create and edit pages share one template."""
    context = {"title": title, **kwargs.pop("context", {})}
    return form_page(request, form, "investment/form.html", context=context, **kwargs)


# The pipeline board and leads


def _board_context(request) -> dict:
    leads = Lead.objects.visible_to(request.user).select_related("team")
    team = request.GET.get("team") or request.POST.get("team") or ""
    if team.isdigit():
        leads = leads.filter(team_id=int(team))
    columns = {stage: [] for stage in PIPELINE}
    terminated = 0
    for lead in leads:
        if lead.stage == Stage.TERMINATED:
            terminated += 1
        else:
            columns[lead.stage].append(lead)
    next_stage = {stage: PIPELINE[i + 1] for i, stage in enumerate(PIPELINE[:-1])}
    return {
        "columns": [
            {"stage": s, "label": Stage(s).label, "leads": columns[s], "next": next_stage.get(s)}
            for s in PIPELINE
        ],
        "terminated": terminated,
        "teams": Team.objects.filter(county_id=request.user.county_code),
        "team": team,
        "can_write": writes_investment(request.user),
    }


@confidential()
def board(request):
    template = "investment/board.html#board" if request.htmx else "investment/board.html"
    return render(request, template, _board_context(request))


@confidential(writes_investment)
def lead_create(request):
    form = LeadForm(request.POST or None)
    form.limit_to_county(request.user)
    return _form_page(
        request,
        form,
        _("登记线索"),
        save=lambda f: actions.create_lead(
            acting_user=request.user, county=request.user.division, **f.changes()
        ),
        success_message=lambda lead: _("已登记线索 %(name)s。") % {"name": lead.company_name},
        success_url=lambda lead: reverse("investment:lead_detail", kwargs={"pk": lead.pk}),
    )


@confidential(writes_investment)
def lead_edit(request, pk):
    lead = get_visible_or_404(Lead, request.user, pk=pk)
    form = LeadForm(request.POST or None, instance=lead)
    form.limit_to_county(request.user)
    return _form_page(
        request,
        form,
        _("编辑线索"),
        save=lambda f: actions.update_lead(
            Lead.objects.get(pk=pk),
            f.changes(),
            acting_user=request.user,
            expected_version=f.expected_version,
        ),
        success_message="",
        success_url=reverse("investment:lead_detail", kwargs={"pk": pk}),
        context={"object": lead},
    )


def _timeline(lead: Lead) -> list[dict]:
    entries = [
        {"at": c.at, "kind": "stage", "item": c} for c in lead.stage_changes.select_related("actor")
    ]
    entries += [
        {"at": _as_datetime(a.start_date), "kind": "activity", "item": a}
        for a in lead.activities.all()
    ]
    entries += [
        {"at": _as_datetime(a.signed_on), "kind": "agreement", "item": a}
        for a in lead.agreements.select_related("project")
    ]
    if lead.reviewed_at:
        entries.append({"at": lead.reviewed_at, "kind": "review", "item": lead})
    return sorted(entries, key=lambda e: e["at"], reverse=True)


def _as_datetime(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@confidential()
def lead_detail(request, pk):
    lead = get_visible_or_404(Lead.objects.select_related("team", "reviewer"), request.user, pk=pk)
    return render(
        request,
        "investment/lead_detail.html",
        {
            "lead": lead,
            "timeline": _timeline(lead),
            "review_form": ReviewForm(),
            "move_form": MoveForm(county_code=lead.county_id),
            "can_write": writes_investment(request.user),
            "can_review": reviews_leads(request.user) and lead.stage in (Stage.CLUE, Stage.REVIEW),
        },
    )


@require_POST
@confidential(reviews_leads)
def lead_review(request, pk):
    lead = get_visible_or_404(Lead, request.user, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            actions.record_review(
                lead,
                acting_user=request.user,
                opinion=form.cleaned_data["opinion"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("已记录研判意见。"))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("请选择研判意见。"))
    return redirect("investment:lead_detail", pk=pk)


@require_POST
@confidential(writes_investment)
def lead_move(request, pk):
    """Move a lead; from the board (HTMX) the board is redrawn with the outcome."""
    lead = get_visible_or_404(Lead, request.user, pk=pk)
    form = MoveForm(request.POST, county_code=lead.county_id)
    error = ""
    if not form.is_valid():
        error = _("请选择新阶段。")
    else:
        try:
            actions.move_lead(
                lead,
                form.cleaned_data["stage"],
                acting_user=request.user,
                reason=form.cleaned_data["reason"],
                lost_reason=form.cleaned_data["lost_reason"] or None,
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        context = _board_context(request) | {"error": error, "moved": lead}
        return render(request, "investment/board.html#board", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, _("已推进到“%(s)s”。") % {"s": Stage(form.cleaned_data["stage"]).label}
        )
    return redirect("investment:lead_detail", pk=pk)


def _lead_rows(user) -> list[list]:
    leads = Lead.objects.visible_to(user).select_related("team")
    return [LeadImporter.row_of(lead) for lead in leads]


@confidential()
def lead_export(request):
    rows = _lead_rows(request.user)
    header = LeadImporter.header() + [_("阶段"), _("研判意见")]
    return export_xlsx(
        _("招商线索.xlsx"),
        [Sheet(_("招商线索"), header, rows, widths=LeadImporter.widths())],
        ascii_name="leads.xlsx",
        acting_user=request.user,
        what="investment.lead",
        county=request.user.county_code or "",
        rows=len(rows),
    )


@confidential(writes_investment)
def lead_template(request):
    sheet = Sheet(
        _("招商线索"),
        LeadImporter.header(),
        [],
        widths=LeadImporter.widths(),
        choices=LeadImporter.dropdowns(),
    )
    return export_xlsx(
        _("招商线索导入模板.xlsx"),
        [sheet],
        ascii_name="lead-template.xlsx",
        acting_user=request.user,
        what="investment.lead_template",
    )


# Activities


@confidential()
def activity_list(request):
    today = timezone.localdate()
    activities = Activity.objects.visible_to(request.user).select_related("lead", "team")
    return render(
        request,
        "investment/activity_list.html",
        {
            "today": today,
            "due": activities.due_on(today),
            "overdue": activities.overdue_on(today).order_by("next_contact_on"),
            "visits": activities.filter(kind="visit")[:50],
            "recent": activities.exclude(kind="visit")[:50],
            "can_write": writes_investment(request.user),
        },
    )


@confidential(writes_investment)
def activity_create(request):
    initial = {"start_date": timezone.localdate(), "lead": request.GET.get("lead")}
    form = ActivityForm(request.POST or None, initial=initial)
    form.limit_to_county(request.user)
    return _form_page(
        request,
        form,
        _("记录招商活动"),
        save=lambda f: actions.record_activity(
            acting_user=request.user, county=request.user.division, **f.cleaned_data
        ),
        success_message=_("已记录活动。"),
        success_url=lambda activity: (
            reverse("investment:lead_detail", kwargs={"pk": activity.lead_id})
            if activity.lead_id
            else reverse("investment:activity_list")
        ),
    )


@require_POST
@confidential(writes_investment)
def follow_up_done(request, pk):
    activity = get_visible_or_404(Activity, request.user, pk=pk)
    actions.complete_follow_up(activity, acting_user=request.user)
    return redirect("investment:activity_list")


# Signing events and agreements


def _agreements(user):
    parties = Prefetch("parties", queryset=AgreementParty.objects.order_by("position"))
    return (
        Agreement.objects.visible_to(user)
        .select_related("event", "team", "project", "county")
        .prefetch_related(parties)
    )


@require(reads_county_data)
def event_list(request):
    events = SigningEvent.objects.visible_to(request.user).select_related("county")
    return render(
        request,
        "investment/event_list.html",
        {"events": events, "can_write": writes_investment(request.user)},
    )


@require(reads_county_data)
def event_detail(request, pk):
    event = get_visible_or_404(SigningEvent, request.user, pk=pk)
    agreements = _agreements(request.user).filter(event=event)
    return render(
        request,
        "investment/event_detail.html",
        {
            "event": event,
            "agreements": agreements,
            "total": sum(a.amount for a in agreements),
            "can_write": writes_investment(request.user),
        },
    )


@require(writes_investment)
def event_create(request):
    form = EventForm(request.POST or None)
    return _form_page(
        request,
        form,
        _("新增签约活动"),
        save=lambda f: actions.create_event(
            acting_user=request.user, county=request.user.division, **f.cleaned_data
        ),
        success_message="",
        success_url=lambda event: reverse("investment:event_detail", kwargs={"pk": event.pk}),
    )


@require(reads_county_data)
def agreement_list(request):
    agreements = _agreements(request.user)
    year = request.GET.get("year", "")
    if year.isdigit():
        agreements = agreements.filter(signed_on__year=int(year))
    agreements = list(agreements)
    return render(
        request,
        "investment/agreement_list.html",
        {
            "agreements": agreements,
            "total": sum(a.amount for a in agreements),
            "year": year,
            "can_write": writes_investment(request.user),
        },
    )


@require(reads_county_data)
def agreement_detail(request, pk):
    agreement = get_visible_or_404(
        _agreements(request.user).select_related("lead"), request.user, pk=pk
    )
    return render(
        request,
        "investment/agreement_detail.html",
        {
            "agreement": agreement,
            "can_write": writes_investment(request.user)
            and agreement.county_id == request.user.county_code,
            "sees_leads": sees_leads(request.user),
            "handoff": actions.handoff_fields(agreement, request.user)
            if agreement.project_id is None
            else None,
        },
    )


@require(writes_investment)
def agreement_create(request):
    form = AgreementForm(
        request.POST or None,
        initial={"lead": request.GET.get("lead"), "event": request.GET.get("event")},
    )
    form.limit_to_county(request.user)
    return _form_page(
        request,
        form,
        _("登记签约协议"),
        save=lambda f: actions.record_agreement(
            acting_user=request.user,
            county=request.user.division,
            companies=f.company_list(),
            **f.agreement_fields(),
        ),
        success_message=lambda agreement: (
            _("已登记协议 %(name)s。") % {"name": agreement.project_name}
        ),
        success_url=lambda agreement: reverse(
            "investment:agreement_detail", kwargs={"pk": agreement.pk}
        ),
    )


@require_POST
@require(writes_investment)
def agreement_handoff(request, pk):
    agreement = get_visible_or_404(Agreement, request.user, pk=pk)
    try:
        project = actions.hand_over(agreement, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已转入项目库:%(name)s。") % {"name": project.name})
    return redirect("investment:agreement_detail", pk=pk)


@require(reads_county_data)
def agreement_export(request):
    rows = [AgreementRows.row_of(a) for a in _agreements(request.user)]
    return export_xlsx(
        _("签约协议.xlsx"),
        [Sheet(_("签约协议"), AgreementRows.header(), rows, widths=AgreementRows.widths)],
        ascii_name="agreements.xlsx",
        acting_user=request.user,
        what="investment.agreement",
        county=request.user.county_code or "",
        rows=len(rows),
    )


# Teams and targets


def _period_for(request, county: str = "") -> kpis.Period:
    get = request.GET
    return kpis.period_for(
        request.user, county or get.get("county", ""), get.get("year"), get.get("period", "")
    )


@require(reads_county_data)
def team_list(request):
    period = _period_for(request)
    county = period.county
    total, teams = kpis.progress(period)
    return render(
        request,
        "investment/team_list.html",
        {
            "period": period,
            "total": total,
            "teams": teams,
            "county": Division.objects.get(code=county) if county else None,
            "counties": Division.objects.filter(code__in=request.user.visible_county_codes()),
            "periods": TargetPeriod.choices,
            "can_write": writes_investment(request.user),
        },
    )


@require(reads_county_data)
def team_detail(request, pk):
    team = get_visible_or_404(Team.objects.prefetch_related("members"), request.user, pk=pk)
    period = _period_for(request, team.county_id)
    _total, teams = kpis.progress(period)
    figures = next(p for p in teams if p.team.pk == team.pk)
    return render(
        request,
        "investment/team_detail.html",
        {
            "team": team,
            "period": period,
            "figures": figures,
            "targets": team.targets.all(),
            "agreements": _agreements(request.user).filter(team=team)[:50],
        },
    )


@require(writes_investment)
def team_create(request):
    form = TeamForm(request.POST or None)
    return _form_page(
        request,
        form,
        _("新增招商团队"),
        save=lambda f: actions.create_team(
            acting_user=request.user, county=request.user.division, **f.cleaned_data
        ),
        success_message="",
        success_url=lambda team: reverse("investment:team_detail", kwargs={"pk": team.pk}),
    )


@require(writes_investment)
def lost_reasons(request):
    """The county's coded list of reasons a lead is lost, and a form to add one."""
    county = request.user.division
    form = LostReasonForm(request.POST or None)
    context = {
        "reasons": LostReason.objects.filter(county=county).annotate(count=Count("leads")),
        "defaults": actions.lost_reason_choices(county.code),
    }
    return form_page(
        request,
        form,
        "investment/lost_reasons.html",
        save=lambda f: actions.add_lost_reason(
            acting_user=request.user, county=county, **f.cleaned_data
        ),
        success_message=_("已添加终止原因。"),
        success_url=lambda _reason: reverse("investment:lost_reasons"),
        context=context,
    )


@require(writes_investment)
def target_create(request):
    form = TargetForm(request.POST or None, initial={"year": timezone.localdate().year})
    form.limit_to_county(request.user)
    return _form_page(
        request,
        form,
        _("设定招商目标"),
        save=lambda f: actions.set_target(
            acting_user=request.user, county=request.user.division, **f.cleaned_data
        ),
        success_message=_("已保存目标。"),
        success_url=reverse("investment:team_list"),
    )


# KPIs


def _division(user, code: str) -> Division:
    """The county the figures are of: the user's own, already loaded, or the one chosen."""
    own = user.division if user.division_id == code else None
    return own or Division.objects.get(code=code)


def _kpi_figures(period: kpis.Period) -> dict:
    """Every figure of the KPI page: the county's and each team's against their targets,
    the monthly signing, amounts by origin and industry, the funnel, pipeline and losses."""
    total, teams = kpis.progress(period)
    return {
        "total": total,
        "teams": teams,
        "monthly": kpis.monthly_signed(period),
        "by_city": kpis.signed_by(period, "origin_city"),
        "by_industry": kpis.signed_by(period, "industry"),
        "funnel": kpis.funnel(period.county),
        "pipeline": kpis.weighted_pipeline(period.county),
        "lost": kpis.lost_reasons(period.county),
    }


@require(reads_county_data)
def kpi(request):
    period = _period_for(request)
    county = period.county
    figures = cached_figures(
        "kpis", county, f"{period.year}:{period.period}", lambda: _kpi_figures(period)
    )
    total, monthly, funnel = figures["total"], figures["monthly"], figures["funnel"]
    by_city, by_industry = figures["by_city"], figures["by_industry"]
    target = total.target.signing_amount if total.target else None
    chart = {
        "months": [f"{m}月" for m, _a, _c in monthly],
        "monthly": [yi(a) for _m, a, _c in monthly],
        "cumulative": [yi(c) for _m, _a, c in monthly],
        "target": yi(target) if target else None,
        "cities": [c for c, _t in by_city],
        "city_amounts": [yi(t) for _c, t in by_city],
        "industries": [i for i, _t in by_industry],
        "industry_amounts": [yi(t) for _i, t in by_industry],
        "funnel": [{"name": s.label, "value": s.reached} for s in funnel],
    }
    return render(
        request,
        "investment/kpi.html",
        {
            "period": period,
            "county": _division(request.user, county),
            "counties": Division.objects.filter(code__in=request.user.visible_county_codes()),
            **figures,
            "chart": chart,
            "periods": TargetPeriod.choices,
        },
    )
