import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin import discovery
from rixin.accounts.access import get_visible_or_404, require
from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction
from rixin.directory.models import Department
from rixin.money import wan_to_yi
from rixin.spreadsheets.exports import build_workbook, export_xlsx, xlsx_response
from rixin.views import form_page

from . import access, actions
from .access import is_county_admin, reads_projects, reviews_reports, writes_projects
from .choices import HEALTH_COLORS, NEXT_STATUSES, Health, ProjectCategory, ProjectStatus
from .excel import library_sheet, protect_filled_cells, report_template_sheet
from .filters import PeriodForm, ProjectFilter, period_for
from .forms import (
    AnnualPlanForm,
    IndustryForm,
    MilestoneForm,
    MonthlyReportForm,
    PhotoForm,
    ProjectForm,
    ResolveForm,
    ReviewForm,
    SettingsForm,
    StatusForm,
)
from .models import (
    AnnualPlan,
    Industry,
    Milestone,
    MonthlyReport,
    Problem,
    Project,
    ProjectSettings,
    ReportPhoto,
    last_day,
    summarize,
)
from .oc4ids import for_publication
from .reporting import owed_reports


def _rules(request) -> ProjectSettings:
    return ProjectSettings.for_county(request.user.county_code or "")


def _library(request, year: int, month: int):
    """The library as it stood at the end of the period, filtered as the query string says."""
    queryset = (
        Project.objects.visible_to(request.user)
        .as_of(last_day(year, month))
        .select_related("industry", "park", "department", "county")
    )
    filters = ProjectFilter(request.GET or None, queryset, user=request.user)
    return filters, filters.qs


def _writable_or_403(request, source, **lookup):
    obj = get_visible_or_404(source, request.user, **lookup)
    access.check_write(request.user, obj if isinstance(obj, Project) else obj.project)
    return obj


@require(reads_projects)
def project_list(request):
    year, month, health = period_for(request)
    filters, queryset = _library(request, year, month)
    if health:
        # Health is a figure, not a column: the totals sum the rows listed, like the page.
        table = [
            row
            for row in queryset.progress_table(year, month, _rules(request))
            if row[1].health == health
        ]
        totals = summarize(table, lambda p, f: "listed")[None]
        totals = {"count": totals.count, "investment": totals.total_investment}
        page = Paginator(table, 50).get_page(request.GET.get("page"))
    else:
        totals = queryset.totals()
        # The page's 50 projects, fetched once with their figures (with_progress); the totals
        # have counted the same rows, so the paginator does not count them again.
        paginator = Paginator(queryset.with_progress(year, month), 50)
        paginator.count = totals["count"]
        page = paginator.get_page(request.GET.get("page"))
        rules = _rules(request)
        page.object_list = [(p, p.progress(month, rules)) for p in page.object_list]
    context = {
        "filters": filters,
        "period": PeriodForm(initial={"year": year, "month": month, "health": health}),
        "year": year,
        "month": month,
        "health": health,
        "page": page,
        "totals": totals,
        "health_colors": HEALTH_COLORS,
    }
    template = "projects/project_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)


def _name_parts(request, year: int, month: int) -> dict:
    division = request.user.division
    return {"county": division.name if division else "", "year": year, "month": month}


@require(reads_projects)
def project_export(request):
    year, month, _health = period_for(request)
    _filters, queryset = _library(request, year, month)
    sheet, count = library_sheet(queryset, year, month, _rules(request))
    return export_xlsx(
        _("%(county)s-%(year)d年%(month)d月-项目库.xlsx") % _name_parts(request, year, month),
        [sheet],
        ascii_name=f"projects-{year}-{month:02d}.xlsx",
        acting_user=request.user,
        what="projects.project",
        county=request.user.county_code or "",
        rows=count,
    )


def _timeline(project, reports, problems, milestones) -> list[dict]:
    events = [
        {"date": timezone.localdate(c.at), "kind": "status", "item": c}
        for c in project.status_changes.all()
    ]
    events += [
        {"date": timezone.localdate(r.submitted_at), "kind": "report", "item": r} for r in reports
    ]
    events += [{"date": p.raised_on, "kind": "problem", "item": p} for p in problems]
    events += [{"date": m.met_on or m.due_date, "kind": "milestone", "item": m} for m in milestones]
    return sorted(events, key=lambda e: e["date"], reverse=True)


def _chart(plan: AnnualPlan | None, reports, year: int) -> dict:
    actual = [0.0] * 12
    for report in reports:
        if report.year == year:
            actual[report.month - 1] = float(report.investment)
    planned = [float(v) for v in plan.month_amounts()] if plan else []
    return {"months": [f"{m}月" for m in range(1, 13)], "plan": planned, "actual": actual}


@require(reads_projects)
def project_detail(request, pk):
    year, month, _health = period_for(request)
    queryset = (
        Project.objects.visible_to(request.user)
        .select_related("industry", "park", "department", "owner", "county")
        .prefetch_related("status_changes__actor")
    )
    project = get_visible_or_404(queryset.with_progress(year, month), request.user, pk=pk)
    reports = list(
        project.reports.select_related("submitted_by", "reviewed_by").prefetch_related("photos")
    )
    problems = list(project.problems.select_related("department"))
    milestones = list(project.milestones.all())
    rules = _rules(request)
    context = {
        "project": project,
        "progress": project.progress(month, rules),
        "year": year,
        "month": month,
        "reports": reports,
        "problems": problems,
        "milestones": milestones,
        "timeline": _timeline(project, reports, problems, milestones),
        "chart": _chart(project.year_plan, reports, year),
        "can_write": access.may_write(request.user, project),
        "can_review": access.may_review(request.user, project.county_id),
        "next_statuses": [ProjectStatus(s) for s in NEXT_STATUSES[project.status]],
        "health_colors": HEALTH_COLORS,
        "today": datetime.date.today(),
        "status_form": StatusForm(),
        "photo_form": PhotoForm(),
        "panels": discovery.project_panels(project, request),
    }
    return render(request, "projects/project_detail.html", context)


def _on_the_form(action):
    """A refusal of the project form's action is shown on the form, like its other errors."""

    def save(form):
        try:
            return action(form)
        except PermissionDenied as exc:
            raise ValidationError(str(exc)) from exc

    return save


def _location_context(county_code: str) -> dict:
    from rixin.maps.context import location_widget_context

    return {"location_widget": location_widget_context(county_code)}


def _warn_about_the_site(request, form, project):
    """A site outside the county's box is saved, and the user is asked to check it."""
    for warning in form.location_warnings:
        messages.warning(request, warning)
    return project


def _detail_url(obj) -> str:
    return reverse("project_detail", kwargs={"pk": obj.pk})


@require(writes_projects)
def project_create(request):
    form = ProjectForm(request.POST or None, user=request.user)

    def save(form):
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return _warn_about_the_site(
            request,
            form,
            actions.create_project(
                acting_user=request.user, county=request.user.division, **fields
            ),
        )

    return form_page(
        request,
        form,
        "projects/project_form.html",
        save=_on_the_form(save),
        success_message=lambda project: _("已入库:%(name)s。") % {"name": project.name},
        success_url=_detail_url,
        context=_location_context(request.user.county_code),
    )


@require(writes_projects)
def project_edit(request, pk):
    project = _writable_or_403(request, Project, pk=pk)
    form = ProjectForm(request.POST or None, instance=project, user=request.user)

    def save(form):
        return _warn_about_the_site(
            request,
            form,
            actions.update_project(
                Project.objects.get(pk=pk),
                form.changes(),
                acting_user=request.user,
                expected_version=form.expected_version,
            ),
        )

    return form_page(
        request,
        form,
        "projects/project_form.html",
        save=_on_the_form(save),
        success_message=_("已保存。"),
        success_url=_detail_url,
        context={"project": project, **_location_context(project.county_id)},
    )


@require(writes_projects)
@require_POST
def project_status(request, pk):
    project = _writable_or_403(request, Project, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            actions.change_status(
                project,
                form.cleaned_data["status"],
                acting_user=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("状态已变更。"))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("请选择新状态。"))
    return redirect("project_detail", pk=pk)


@require(writes_projects)
def project_plan(request, pk, year):
    project = _writable_or_403(request, Project, pk=pk)
    plan = AnnualPlan.objects.filter(project=project, year=year).first()
    form = AnnualPlanForm(request.POST or None, instance=plan)

    def save(form):
        fields = {k: form.cleaned_data[k] for k in form.Meta.fields}
        if plan is not None:
            fields["version"] = form.expected_version
        return actions.save_annual_plan(project, acting_user=request.user, year=year, **fields)

    return form_page(
        request,
        form,
        "projects/plan_form.html",
        save=save,
        success_message=_("年度计划已保存。"),
        success_url=reverse("project_detail", kwargs={"pk": pk}),
        context={"project": project, "year": year},
    )


@require(writes_projects)
def report_submit(request, pk, year, month):
    project = _writable_or_403(request, Project, pk=pk)
    existing = MonthlyReport.objects.filter(project=project, year=year, month=month).first()
    initial = (
        {
            "investment": existing.investment,
            "physical_progress": existing.physical_progress,
            "progress_text": existing.progress_text,
        }
        if existing
        else {}
    )
    form = MonthlyReportForm(
        request.POST or None, initial=initial, county=project.county_id, existing=existing
    )

    def save(form):
        data = form.cleaned_data
        report = actions.submit_monthly_report(
            project,
            acting_user=request.user,
            year=year,
            month=month,
            investment=data["investment"],
            physical_progress=data["physical_progress"],
            progress_text=data["progress_text"],
            expected_version=data["version"],
        )
        if data["problem"]:
            actions.raise_problem(
                project,
                acting_user=request.user,
                description=data["problem"],
                department=data["problem_department"],
                report=report,
            )
        return report

    return form_page(
        request,
        form,
        "projects/report_form.html",
        save=save,
        success_message=_("月度报告已提交,等待发改局审核。"),
        success_url=reverse("project_detail", kwargs={"pk": pk}),
        context={
            "project": project,
            "existing": existing,
            "title": _("%(y)d年%(m)d月月度报告") % {"y": year, "m": month},
        },
    )


@require(reviews_reports)
@require_POST
def report_review(request, pk):
    report = get_visible_or_404(MonthlyReport, request.user, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                actions.approve_report(report, acting_user=request.user)
            else:
                actions.return_report(
                    report, acting_user=request.user, reason=form.cleaned_data["reason"]
                )
            messages.success(request, _("审核结果已保存。"))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    if request.POST.get("from") == "reporting":
        return redirect(f"{reverse('project_reporting')}?year={report.year}&month={report.month}")
    return redirect("project_detail", pk=report.project_id)


@require(writes_projects)
@require_POST
def photo_upload(request, pk):
    report = get_visible_or_404(
        MonthlyReport.objects.select_related("project"), request.user, pk=pk
    )
    access.check_write(request.user, report.project)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.add_photo(
                report,
                form.cleaned_data["image"],
                acting_user=request.user,
                caption=form.cleaned_data["caption"],
            )
            messages.success(request, _("照片已上传。"))
        except ValidationError as exc:
            messages.error(request, "; ".join(exc.messages))
    else:
        messages.error(request, _("请选择照片文件。"))
    return redirect("project_detail", pk=report.project_id)


@require(reads_projects)
def photo_file(request, pk):
    visible = MonthlyReport.objects.visible_to(request.user)
    photo = get_object_or_404(ReportPhoto, pk=pk, report__in=visible)
    return FileResponse(photo.image.open("rb"))


@require(writes_projects)
@require_POST
def problem_resolve(request, pk):
    problem = get_visible_or_404(Problem.objects.select_related("project"), request.user, pk=pk)
    form = ResolveForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写解决措施。"))
        actions.resolve_problem(
            problem, acting_user=request.user, measures=form.cleaned_data["measures"]
        )
        messages.success(request, _("问题已办结。"))
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("project_detail", pk=problem.project_id)


def _milestone_form(request, project, milestone=None):
    form = MilestoneForm(request.POST or None, instance=milestone)

    def save(form):
        if milestone is None:
            return actions.add_milestone(project, acting_user=request.user, **form.changes())
        return actions.update_milestone(
            Milestone.objects.get(pk=milestone.pk),
            form.changes(),
            acting_user=request.user,
            expected_version=form.expected_version,
        )

    return form_page(
        request,
        form,
        "projects/milestone_form.html",
        save=save,
        success_message=_("里程碑已保存。"),
        success_url=_detail_url(project),
        context={"project": project, "title": _("里程碑")},
    )


@require(writes_projects)
def milestone_create(request, pk):
    return _milestone_form(request, _writable_or_403(request, Project, pk=pk))


@require(writes_projects)
def milestone_edit(request, pk):
    milestone = _writable_or_403(request, Milestone.objects.select_related("project"), pk=pk)
    return _milestone_form(request, milestone.project, milestone)


@require(reads_projects)
def reporting(request):
    """The month's reports: which are in, which are owed, and who is late."""
    year, month, _health = period_for(request)
    if writes_projects(request.user):
        projects = access.writable_projects(request.user)
    else:
        projects = Project.objects.visible_to(request.user)
    rows, late = owed_reports(projects, year, month, _rules(request))
    context = {
        "year": year,
        "month": month,
        "rows": rows,
        "late": late,
        "period": PeriodForm(initial={"year": year, "month": month}),
        "due": _rules(request).report_due_date(year, month),
        "can_review": reviews_reports(request.user),
        "can_write": writes_projects(request.user),
        "template_departments": (
            Department.objects.visible_to(request.user).filter(projects__isnull=False).distinct()
            if access.writes_every_project(request.user)
            else None
        ),
    }
    return render(request, "projects/reporting.html", context)


@require(writes_projects)
def report_template(request):
    """The month's template for one department (发改局 picks it): the projects that owe the
    month's report, their plan and year-to-date figure filled and locked."""
    year, month, _health = period_for(request)
    projects = access.writable_projects(request.user).owing_report(year, month)
    department = None
    picked = request.GET.get("department", "")
    if access.writes_every_project(request.user) and picked:
        if not picked.isdigit():
            raise Http404
        department = get_object_or_404(Department.objects.visible_to(request.user), pk=picked)
        projects = projects.filter(department=department)
    elif not access.writes_every_project(request.user):
        department = request.user.department
    sheet = report_template_sheet(
        projects.select_related("department"), year, month, _rules(request)
    )
    content = protect_filled_cells(build_workbook([sheet]))
    parts = _name_parts(request, year, month)
    if department is not None:
        parts["county"] = f"{parts['county']}-{department.name}"
    filename = _("%(county)s-%(year)d年%(month)d月-月度投资填报.xlsx") % parts
    record_event(
        AuditAction.EXPORT,
        acting_user=request.user,
        object_type="projects.report_template",
        object_repr=filename,
        county=request.user.county_code or "",
        message=f"rows={len(sheet.rows)}",
    )
    return xlsx_response(filename, content, f"monthly-report-{year}-{month:02d}.xlsx")


def _group(summaries: dict, labels) -> list:
    return [(labels(key), summaries[key]) for key in summaries if key is not None]


def _publication(request) -> dict:
    """What the OC4IDS package of the user's library publishes and what it leaves out."""
    selection = for_publication(Project.objects.visible_to(request.user))
    return {"published": selection.projects.count(), "left_out": selection.left_out}


@require(reads_projects)
def statistics(request):
    year, month, _health = period_for(request)
    end = last_day(year, month)
    projects = (
        Project.objects.visible_to(request.user).as_of(end).select_related("industry", "park")
    )
    table = projects.progress_table(year, month, _rules(request))
    by = {
        "category": summarize(table, lambda p, f: p.category),
        "industry": summarize(table, lambda p, f: p.industry.name if p.industry else ""),
        "park": summarize(table, lambda p, f: p.park.name if p.park else ""),
        "status": summarize(table, lambda p, f: p.status_then),
        "health": summarize(table, lambda p, f: f.health or ""),
    }
    rates = AnnualPlan.objects.visible_to(request.user).filter(year=year).rates(as_of=end)
    none = _("(未填)")
    groups = [
        (_("按类别"), _group(by["category"], lambda k: ProjectCategory(k).label)),
        (_("按产业"), _group(by["industry"], lambda k: k or none)),
        (_("按园区"), _group(by["park"], lambda k: k or none)),
        (_("按状态"), _group(by["status"], lambda k: ProjectStatus(k).label)),
        (_("按进度"), _group(by["health"], lambda k: Health(k).label if k else _("无年度计划"))),
    ]
    chart = {
        "labels": [str(label) for label, _s in groups[0][1]],
        "investment": [float(wan_to_yi(s.total_investment)) for _l, s in groups[0][1]],
    }
    context = {
        "year": year,
        "month": month,
        "period": PeriodForm(initial={"year": year, "month": month}),
        "total": by["category"][None],
        "groups": groups,
        "rates": rates,
        "chart": chart,
        "oc4ids": _publication(request),
    }
    return render(request, "projects/statistics.html", context)


@require(is_county_admin)
def industry_list(request):
    form = IndustryForm(request.POST or None)
    return form_page(
        request,
        form,
        "projects/industries.html",
        save=lambda form: actions.create_industry(
            acting_user=request.user, county=request.user.division, **form.cleaned_data
        ),
        success_message=_("已添加。"),
        success_url=reverse("project_industries"),
        context={"industries": Industry.objects.visible_to(request.user), "title": _("重点产业")},
    )


@require(is_county_admin)
def industry_edit(request, pk):
    industry = get_visible_or_404(Industry, request.user, pk=pk)
    form = IndustryForm(request.POST or None, instance=industry)
    return form_page(
        request,
        form,
        "projects/industry_form.html",
        save=lambda form: actions.update_industry(
            Industry.objects.get(pk=pk), form.cleaned_data, acting_user=request.user
        ),
        success_message=_("已保存。"),
        success_url=reverse("project_industries"),
        context={"title": industry.name},
    )


@require(is_county_admin)
def project_settings(request):
    current = ProjectSettings.for_county(request.user.county_code)
    form = SettingsForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        "projects/settings.html",
        save=lambda form: actions.save_settings(
            acting_user=request.user, county_code=request.user.county_code, **form.cleaned_data
        ),
        success_message=_("已保存。"),
        success_url=reverse("project_settings"),
        context={"title": _("项目库设置")},
    )
