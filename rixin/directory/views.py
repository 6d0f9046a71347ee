from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.accounts.access import (
    get_visible_or_404,
    reads_county_data,
    reads_county_data_or_enterprise,
    require,
    writes_county_data,
)
from rixin.spreadsheets.exports import Sheet, export_xlsx
from rixin.views import form_page

from . import access, actions
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
        _("企业名录.xlsx"),
        [sheet],
        ascii_name="enterprises.xlsx",
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
        _("企业名录导入模板.xlsx"),
        [sheet],
        ascii_name="enterprise-template.xlsx",
        acting_user=request.user,
        what="directory.template",
    )


@require(reads_county_data_or_enterprise)
def enterprise_detail(request, pk):
    enterprise = get_visible_or_404(Enterprise, request.user, pk=pk)
    context = {
        "enterprise": enterprise,
        "can_edit": access.may_write_enterprise(request.user, enterprise.county_id),
    }
    return render(request, "directory/enterprise_detail.html", context)


def _enterprise_url(enterprise) -> str:
    return reverse("enterprise_detail", kwargs={"pk": enterprise.pk})


@require(writes_county_data)
def enterprise_create(request):
    form = EnterpriseForm(request.POST or None)
    return form_page(
        request,
        form,
        "directory/enterprise_form.html",
        save=lambda form: actions.create_enterprise(
            acting_user=request.user, county=request.user.division, **form.changes()
        ),
        success_message=lambda e: _("已新增企业 %(name)s。") % {"name": e.name},
        success_url=_enterprise_url,
        context={"industry_choices": industry_choices()},
    )


@require(writes_county_data)
def enterprise_edit(request, pk):
    enterprise = get_visible_or_404(Enterprise, request.user, pk=pk)
    if not access.may_write_enterprise(request.user, enterprise.county_id):
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None, instance=enterprise)
    return form_page(
        request,
        form,
        "directory/enterprise_form.html",
        save=lambda form: actions.update_enterprise(
            Enterprise.objects.get(pk=pk),
            form.changes(),
            acting_user=request.user,
            expected_version=form.expected_version,
        ),
        success_message=_("已保存。"),
        success_url=_enterprise_url,
        context={"enterprise": enterprise, "industry_choices": industry_choices()},
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
    context = {
        "departments": departments,
        "q": text,
        "can_add": access.is_county_admin(request.user),
    }
    return render(request, "directory/department_list.html", context)


@require(reads_county_data)
def department_detail(request, pk):
    department = get_visible_or_404(Department, request.user, pk=pk)
    context = {
        "department": department,
        "can_edit": access.may_keep_departments(request.user, department.county_id),
    }
    return render(request, "directory/department_detail.html", context)


def _department_url(department) -> str:
    return reverse("department_detail", kwargs={"pk": department.pk})


@require(access.is_county_admin)
def department_create(request):
    form = DepartmentForm(request.POST or None)
    return form_page(
        request,
        form,
        "directory/department_form.html",
        save=lambda form: actions.create_department(
            acting_user=request.user, county=request.user.division, **form.changes()
        ),
        success_message="",
        success_url=_department_url,
    )


@require(access.is_county_admin)
def department_edit(request, pk):
    department = get_visible_or_404(Department, request.user, pk=pk)
    form = DepartmentForm(request.POST or None, instance=department)
    return form_page(
        request,
        form,
        "directory/department_form.html",
        save=lambda form: actions.update_department(
            Department.objects.get(pk=pk),
            form.changes(),
            acting_user=request.user,
            expected_version=form.expected_version,
        ),
        success_message=_("已保存。"),
        success_url=_department_url,
        context={"department": department},
    )


@require(reads_county_data)
def university_list(request):
    text = request.GET.get("q", "").strip()
    universities = University.objects.all()
    if text:
        universities = universities.filter(name__icontains=text)
    context = {
        "universities": universities,
        "q": text,
        "can_edit": access.is_county_admin(request.user),
    }
    return render(request, "directory/university_list.html", context)


@require(access.is_county_admin)
def university_create(request):
    form = UniversityForm(request.POST or None)
    return form_page(
        request,
        form,
        "directory/university_form.html",
        save=lambda form: actions.create_university(acting_user=request.user, **form.cleaned_data),
        success_message="",
        success_url=reverse("university_list"),
    )


@require(access.is_county_admin)
def university_edit(request, pk):
    university = get_object_or_404(University, pk=pk)
    form = UniversityForm(request.POST or None, instance=university)
    return form_page(
        request,
        form,
        "directory/university_form.html",
        save=lambda form: actions.update_university(
            University.objects.get(pk=pk), form.changes(), acting_user=request.user
        ),
        success_message=_("已保存。"),
        success_url=reverse("university_list"),
        context={"university": university},
    )
