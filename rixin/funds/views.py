"""Pages of fiscal support funds: programmes, a programme's allocations and disbursements, an
enterprise's support history, and the fund panel of a project page."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.accounts.access import get_visible_or_404, require
from rixin.directory.models import Enterprise
from rixin.views import form_page

from . import actions, figures
from .access import enters_funds, reads_funds
from .forms import AllocationForm, DisbursementForm, ProgrammeForm
from .models import Allocation, Programme


def _year(request) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else timezone.localdate().year


@require(reads_funds)
def programme_list(request):
    year = _year(request)
    programmes = figures.programmes_with_figures(
        Programme.objects.visible_to(request.user).filter(year=year).select_related("department")
    )
    rows = [(p, figures.of(p)) for p in programmes]
    allocations = Allocation.objects.visible_to(request.user).filter(programme__year=year)
    return render(
        request,
        "funds/programme_list.html",
        {
            "year": year,
            "rows": rows,
            "total": figures.totals(allocations),
            "can_enter": enters_funds(request.user),
        },
    )


@require(enters_funds)
def programme_create(request):
    form = ProgrammeForm(request.POST or None, county_code=request.user.county_code)
    return form_page(
        request,
        form,
        "funds/form.html",
        save=lambda f: actions.create_programme(
            acting_user=request.user, county=request.user.division, **f.cleaned_data
        ),
        success_message=lambda p: _("已登记资金项目 %(p)s。") % {"p": p},
        success_url=lambda p: reverse("funds:programme_detail", kwargs={"pk": p.pk}),
        context={"title": _("登记资金项目")},
    )


@require(reads_funds)
def programme_detail(request, pk):
    programme = get_visible_or_404(Programme, request.user, pk=pk)
    programme = figures.programmes_with_figures(Programme.objects.filter(pk=pk)).get()
    allocations = figures.allocations_with_figures(
        Allocation.objects.visible_to(request.user)
        .filter(programme=programme)
        .select_related("enterprise", "project")
        .prefetch_related("disbursements")
    )
    return render(
        request,
        "funds/programme_detail.html",
        {
            "programme": programme,
            "figures": figures.of(programme),
            "unallocated": programme.amount - programme.allocated_total,
            "rows": [(a, figures.of(a)) for a in allocations],
            "can_enter": enters_funds(request.user),
            # An enterprise user sees its own share, not the programme's totals.
            "shows_totals": request.user.reads_county_data,
        },
    )


@require(enters_funds)
def allocation_create(request, pk):
    programme = get_visible_or_404(Programme, request.user, pk=pk)
    form = AllocationForm(request.POST or None, county_code=programme.county_id)
    return form_page(
        request,
        form,
        "funds/form.html",
        save=lambda f: actions.create_allocation(
            acting_user=request.user, programme=programme, **f.cleaned_data
        ),
        success_message=_("已登记资金安排。"),
        success_url=reverse("funds:programme_detail", kwargs={"pk": programme.pk}),
        context={"title": _("安排资金:%(p)s") % {"p": programme}, "object": programme},
    )


@require(enters_funds)
def disbursement_create(request, pk):
    allocation = get_visible_or_404(Allocation, request.user, pk=pk)
    form = DisbursementForm(request.POST or None)
    return form_page(
        request,
        form,
        "funds/form.html",
        save=lambda f: actions.record_disbursement(
            acting_user=request.user, allocation=allocation, **f.cleaned_data
        ),
        success_message=_("已登记拨付。"),
        success_url=reverse("funds:programme_detail", kwargs={"pk": allocation.programme_id}),
        context={"title": _("登记拨付:%(a)s") % {"a": allocation}, "object": allocation},
    )


@require(reads_funds)
def enterprise_history(request, pk):
    enterprise = get_visible_or_404(Enterprise, request.user, pk=pk)
    allocations = figures.allocations_with_figures(
        Allocation.objects.visible_to(request.user)
        .filter(enterprise=enterprise)
        .select_related("programme", "project")
        .order_by("-programme__year", "pk")
    )
    return render(
        request,
        "funds/enterprise_history.html",
        {
            "enterprise": enterprise,
            "rows": [(a, figures.of(a)) for a in allocations],
            "total": figures.totals(
                Allocation.objects.visible_to(request.user).filter(enterprise=enterprise)
            ),
        },
    )


def project_panel_context(project, user) -> dict:
    """Context of ``funds/_project_panel.html`` on the project page: the project's
    allocations the user may see, with their figures."""
    visible = Allocation.objects.visible_to(user).filter(project=project)
    allocations = figures.allocations_with_figures(
        visible.select_related("programme", "enterprise")
    )
    return {
        "fund_rows": [(a, figures.of(a)) for a in allocations],
        "fund_total": figures.totals(visible),
        "fund_can_enter": enters_funds(user) and user.county_code == project.county_id,
    }
