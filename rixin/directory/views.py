from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rixin.accounts.access import (
    get_visible_or_404,
    reads_county_data,
    reads_county_data_or_enterprise,
    require,
    writes_county_data,
)
from rixin.spreadsheets.exports import Sheet, export_xlsx

from . import actions
from .forms import DepartmentForm, EnterpriseFilterForm, EnterpriseForm, UniversityForm
from .importers import EnterpriseImporter
from .industries import industry_choices
from .models import Department, Enterprise, University


def _enterprises(request):
    form = EnterpriseFilterForm(request.GET or None)
    queryset = Enterprise.objects.visible_to(request.user).select_related("county")
    if form.is_valid():
        queryset = queryset.search(form.cleaned_data["q"])
        if form.cleaned_data["high_tech"]:
            queryset = queryset.filter(is_high_tech=True)
    return form, queryset


@require(reads_county_data)
def enterprise_list(request):
    form, queryset = _enterprises(request)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    template = (
        "directory/enterprise_list.html#results"
        if request.htmx
        else "directory/enterprise_list.html"
    )
    return render(request, template, {"form": form, "page": page, "total": page.paginator.count})


@require(reads_county_data)
def enterprise_export(request):
    _form, queryset = _enterprises(request)
    rows = [EnterpriseImporter.row_of(e) for e in queryset]
    sheet = Sheet(
        _("企业名录"),
        EnterpriseImporter.header(),
        rows,
        widths=[10, 36, 22, 10, 12, 14, 36, 16, 16],
    )
    return export_xlsx(
        "enterprises.xlsx",
        [sheet],
        acting_user=request.user,
        what="directory.enterprise",
        county=request.user.county_code or "",
        rows=len(rows),
    )


@require(writes_county_data)
def enterprise_template(request):
    sheet = Sheet(
        _("企业名录"),
        EnterpriseImporter.header(),
        [],
        widths=[10, 36, 22, 10, 12, 14, 36, 16, 16],
        choices={4: ["是", "否"]},
    )
    return export_xlsx(
        "enterprise-template.xlsx", [sheet], acting_user=request.user, what="directory.template"
    )


@require(reads_county_data_or_enterprise)
def enterprise_detail(request, pk):
    enterprise = get_visible_or_404(Enterprise, request.user, pk=pk)
    return render(request, "directory/enterprise_detail.html", {"enterprise": enterprise})


@require(writes_county_data)
def enterprise_create(request):
    form = EnterpriseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = actions.create_enterprise(
                acting_user=request.user, county=request.user.division, **form.changes()
            )
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            messages.success(request, _("已新增企业 %(name)s。") % {"name": enterprise.name})
            return redirect("enterprise_detail", pk=enterprise.pk)
    return render(
        request,
        "directory/enterprise_form.html",
        {"form": form, "industry_choices": industry_choices()},
    )


@require(writes_county_data)
def enterprise_edit(request, pk):
    enterprise = get_visible_or_404(Enterprise, request.user, pk=pk)
    if enterprise.county_id != request.user.county_code:
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_enterprise(
                Enterprise.objects.get(pk=pk),
                form.changes(),
                acting_user=request.user,
                expected_version=form.expected_version,
            )
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("enterprise_detail", pk=pk)
    return render(
        request,
        "directory/enterprise_form.html",
        {"form": form, "enterprise": enterprise, "industry_choices": industry_choices()},
    )


@require(reads_county_data)
def department_list(request):
    text = request.GET.get("q", "").strip()
    departments = (
        Department.objects.visible_to(request.user)
        .select_related("county")
        .order_by("county", "name")
    )
    if text:
        departments = departments.filter(name__icontains=text)
    return render(
        request, "directory/department_list.html", {"departments": departments, "q": text}
    )


@require(reads_county_data)
def department_detail(request, pk):
    department = get_visible_or_404(Department, request.user, pk=pk)
    return render(request, "directory/department_detail.html", {"department": department})


def _is_county_admin(user) -> bool:
    return user.is_authenticated and user.role == "county_admin"


@require(_is_county_admin)
def department_create(request):
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = actions.create_department(
                acting_user=request.user, county=request.user.division, **form.changes()
            )
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            return redirect("department_detail", pk=department.pk)
    return render(request, "directory/department_form.html", {"form": form})


@require(_is_county_admin)
def department_edit(request, pk):
    department = get_visible_or_404(Department, request.user, pk=pk)
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_department(
                Department.objects.get(pk=pk),
                form.changes(),
                acting_user=request.user,
                expected_version=form.expected_version,
            )
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("department_detail", pk=pk)
    return render(
        request, "directory/department_form.html", {"form": form, "department": department}
    )


@require(reads_county_data)
def university_list(request):
    text = request.GET.get("q", "").strip()
    universities = University.objects.all()
    if text:
        universities = universities.filter(name__icontains=text)
    return render(
        request, "directory/university_list.html", {"universities": universities, "q": text}
    )


@require(_is_county_admin)
def university_create(request):
    form = UniversityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_university(acting_user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            return redirect("university_list")
    return render(request, "directory/university_form.html", {"form": form})


@require(_is_county_admin)
def university_edit(request, pk):
    university = get_object_or_404(University, pk=pk)
    form = UniversityForm(request.POST or None, instance=university)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_university(
                University.objects.get(pk=pk), form.changes(), acting_user=request.user
            )
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect("university_list")
    return render(
        request, "directory/university_form.html", {"form": form, "university": university}
    )
