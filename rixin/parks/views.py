"""Pages of parks: the list, a park's page (capacities, projects with their health, chain
leaders, investment of the year), the county's parks board, and the forms that keep them."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.accounts.access import county_or_404, get_visible_or_404, require
from rixin.projects.filters import period_for
from rixin.projects.models import Project
from rixin.views import form_page

from . import actions, figures
from .access import keeps_parks, may_keep_parks, reads_parks
from .forms import PARK_FIELDS, CapacityForm, ParkForm, ProjectCapacityForm
from .models import Park, ProjectCapacity


def _may_keep(user, county_code: str) -> bool:
    return keeps_parks(user) and may_keep_parks(user, county_code)


@require(reads_parks)
def park_list(request):
    year, month, _health = period_for(request)
    parks = Park.objects.visible_to(request.user).select_related("county")
    return render(
        request,
        "parks/park_list.html",
        {
            "rows": figures.board(parks, year, month),
            "year": year,
            "month": month,
            "can_keep": keeps_parks(request.user),
        },
    )


@require(reads_parks)
def county_board(request, county):
    place = county_or_404(request.user, county)
    year, month, _health = period_for(request)
    rows = figures.board(Park.objects.visible_to(request.user).filter(county=place), year, month)
    return render(
        request,
        "parks/board.html",
        {"county": place, "rows": rows, "year": year, "month": month},
    )


@require(reads_parks)
def park_detail(request, pk):
    park = get_visible_or_404(Park, request.user, pk=pk)
    year, month, _health = period_for(request)
    table = figures.park_projects(park, year, month)
    enterprises = {p.owner for p, _f in table if p.owner_id}
    enterprises.update(park.chain_leaders.all())
    return render(
        request,
        "parks/park_detail.html",
        {
            "park": park,
            "capacities": figures.capacities_of([park]).get(park.pk, []),
            "table": table,
            "enterprises": sorted(enterprises, key=lambda e: e.name),
            "completed_this_year": sum(f.completed_this_year for _p, f in table),
            "year": year,
            "month": month,
            "can_keep": _may_keep(request.user, park.county_id),
        },
    )


@require(keeps_parks)
def park_create(request):
    county = request.user.division
    form = ParkForm(request.POST or None, county_code=county.code)
    return form_page(
        request,
        form,
        "parks/form.html",
        save=lambda f: actions.create_park(
            acting_user=request.user, county=county, **f.cleaned_data
        ),
        success_message=lambda p: _("已登记园区 %(p)s。") % {"p": p},
        success_url=lambda p: reverse("parks:park_detail", kwargs={"pk": p.pk}),
        context={"title": _("登记园区")},
    )


@require(keeps_parks)
def park_edit(request, pk):
    park = get_visible_or_404(Park, request.user, pk=pk)
    form = ParkForm(request.POST or None, instance=park, county_code=park.county_id)

    def save(f):
        changes = {name: f.cleaned_data[name] for name in PARK_FIELDS if name in f.changed_data}
        return actions.update_park(
            park, changes, acting_user=request.user, expected_version=f.expected_version
        )

    return form_page(
        request,
        form,
        "parks/form.html",
        save=save,
        success_message=_("已保存园区信息。"),
        success_url=reverse("parks:park_detail", kwargs={"pk": park.pk}),
        context={"title": _("编辑园区:%(p)s") % {"p": park}, "park": park},
    )


@require(keeps_parks)
def capacity_create(request, pk):
    park = get_visible_or_404(Park, request.user, pk=pk)
    form = CapacityForm(request.POST or None)
    return form_page(
        request,
        form,
        "parks/form.html",
        save=lambda f: actions.add_capacity(park, acting_user=request.user, **f.cleaned_data),
        success_message=_("已登记产能目标。"),
        success_url=reverse("parks:park_detail", kwargs={"pk": park.pk}),
        context={"title": _("登记产能目标:%(p)s") % {"p": park}, "park": park},
    )


@require(keeps_parks)
def project_capacity_create(request, pk):
    project = get_visible_or_404(Project.objects.select_related("park"), request.user, pk=pk)
    form = ProjectCapacityForm(request.POST or None, project=project)
    return form_page(
        request,
        form,
        "parks/form.html",
        save=lambda f: actions.declare_project_capacity(
            project, acting_user=request.user, **f.cleaned_data
        ),
        success_message=_("已申报项目产能。"),
        success_url=reverse("project_detail", kwargs={"pk": project.pk}),
        context={"title": _("申报项目产能:%(p)s") % {"p": project}, "park": project.park},
    )


def project_panel_context(project, user) -> dict:
    """Context of ``parks/_project_capacity_panel.html`` on the project page: the capacity
    the project declares, against its park's targets."""
    declarations = list(
        ProjectCapacity.objects.visible_to(user).filter(project=project).select_related("product")
    )
    return {
        "capacity_project": project,
        "capacity_rows": declarations,
        "capacity_can_declare": bool(project.park_id) and _may_keep(user, project.county_id),
    }
