"""The holiday calendar pages: a year's 休 and 班 days, add / edit / delete a day, and
confirm a year as entered. The import goes through the shared pages (/imports/calendar/)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rixin.accounts.access import get_visible_or_404, require
from rixin.views import form_page

from . import actions
from .access import calendar_county, manages_calendar
from .calendar import next_year_missing
from .forms import ConfirmYearForm, DayForm
from .models import CalendarYear, SpecialDay


@require(manages_calendar)
def index(request):
    return redirect("workcalendar:year", year=timezone.localdate().year)


@require(manages_calendar)
def year_page(request, year: int):
    county = calendar_county(request.user)
    days = SpecialDay.objects.filter(date__year=year)
    years = CalendarYear.objects.filter(year=year).select_related("entered_by")
    if county:
        days = days.filter(county__isnull=True) | days.filter(county_id=county)
        years = years.filter(county__isnull=True) | years.filter(county_id=county)
    else:
        days, years = days.national(), years.national()
    own = [y for y in years if y.county_id == county]
    return render(
        request,
        "workcalendar/year.html",
        {
            "year": year,
            "days": days.order_by("date", "county_id"),
            "entries": years,
            "own_entry": own[0] if own else None,
            "covered": bool(list(years)),
            "county": county,
            "confirm_form": ConfirmYearForm(),
            "missing": next_year_missing(timezone.localdate(), county),
        },
    )


@require(manages_calendar)
def day_create(request, year: int):
    user = request.user
    form = DayForm(request.POST or None, initial={"date": datetime.date(year, 1, 1)})
    return form_page(
        request,
        form,
        "workcalendar/day_form.html",
        save=lambda f: actions.add_day(
            acting_user=user, county_code=calendar_county(user), **f.cleaned_data
        ),
        success_message=_("已保存。"),
        success_url=lambda day: reverse("workcalendar:year", args=[day.date.year]),
        context={"year": year},
    )


@require(manages_calendar)
def day_edit(request, pk: int):
    user = request.user
    day = get_visible_or_404(SpecialDay, user, pk=pk)
    form = DayForm(request.POST or None, instance=SpecialDay.objects.get(pk=pk))
    return form_page(
        request,
        form,
        "workcalendar/day_form.html",
        save=lambda f: actions.update_day(day, f.changes(), acting_user=user),
        success_message=_("已保存。"),
        success_url=lambda saved: reverse("workcalendar:year", args=[saved.date.year]),
        context={"year": day.date.year, "day": day},
    )


@require_POST
@require(manages_calendar)
def day_delete(request, pk: int):
    day = get_visible_or_404(SpecialDay, request.user, pk=pk)
    actions.delete_day(day, acting_user=request.user)
    messages.success(request, _("已删除 %(d)s。") % {"d": day.date.isoformat()})
    return redirect("workcalendar:year", year=day.date.year)


@require_POST
@require(manages_calendar)
def year_confirm(request, year: int):
    user = request.user
    form = ConfirmYearForm(request.POST)
    return form_page(
        request,
        form,
        "workcalendar/confirm_form.html",
        save=lambda f: actions.confirm_year(
            year, acting_user=user, county_code=calendar_county(user), **f.cleaned_data
        ),
        success_message=_("%(y)d 年的节假日安排已确认录入。") % {"y": year},
        success_url=reverse("workcalendar:year", args=[year]),
        context={"year": year},
    )
