"""The library's filters, shared by the page, the Excel export and the API."""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Department
from rixin.forms import BLANK_CHOICE_LABEL, FilterForm
from rixin.parks.models import Park

from .choices import Health, ProjectCategory, ProjectLevel, ProjectStatus
from .models import Industry, MonthlyReport


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("名称、代码或地点"), method="search")
    category = django_filters.ChoiceFilter(label=_("类别"), choices=ProjectCategory.choices)
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=ProjectStatus.choices, method="filter_status"
    )
    industry = django_filters.ModelChoiceFilter(label=_("产业"), queryset=Industry.objects.none())
    park = django_filters.ModelChoiceFilter(label=_("园区"), queryset=Park.objects.none())
    department = django_filters.ModelChoiceFilter(
        label=_("责任单位"), queryset=Department.objects.none()
    )
    level = django_filters.ChoiceFilter(label=_("级别"), choices=ProjectLevel.choices)
    key_one = django_filters.BooleanFilter(
        label=_("仅一号工程"), field_name="is_key_one", widget=forms.CheckboxInput
    )

    class Meta:
        form = FilterForm

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["industry"].queryset = Industry.objects.visible_to(user)
        self.filters["park"].queryset = Park.objects.visible_to(user)
        self.filters["department"].queryset = (
            Department.objects.visible_to(user).filter(projects__isnull=False).distinct()
        )
        self.form.fields["key_one"].required = False

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_status(self, queryset, name, value):
        """The status of the period for a library taken ``as_of`` a date, else today's."""
        if "status_then" in queryset.query.annotations:
            return queryset.filter(status_then=value)
        return queryset.filter(status=value)

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("key_one"):
            self.form.cleaned_data["key_one"] = None
        return super().filter_queryset(queryset)


class PeriodForm(FilterForm):
    """The year and month figures are computed for, and an optional health filter."""

    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100, required=False)
    month = forms.IntegerField(label=_("截至月份"), min_value=1, max_value=12, required=False)
    health = forms.ChoiceField(
        label=_("进度"), choices=[("", BLANK_CHOICE_LABEL), *Health.choices], required=False
    )


def period_for(request) -> tuple[int, int, str]:
    """(year, month, health) from the query string; by default the latest month reported
    in the user's data, or else the last finished month."""
    form = PeriodForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    year, month = data.get("year"), data.get("month")
    if not (year and month):
        latest = MonthlyReport.objects.visible_to(request.user).latest_period()
        if latest is None:
            last = datetime.date.today().replace(day=1) - datetime.timedelta(days=1)
            latest = (last.year, last.month)
        year, month = year or latest[0], month or latest[1]
    return year, month, data.get("health") or ""
