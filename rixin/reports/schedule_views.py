"""The county administrator's page for the monthly report on a schedule (/reports/schedule/):
on which working day, in which format, to whom; the last month sent and the next run."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.accounts.access import require
from rixin.accounts.models import User
from rixin.accounts.roles import READS_COUNTY_DATA
from rixin.forms import VersionedModelForm
from rixin.jobs.models import Job
from rixin.views import form_page

from . import actions
from .access import is_county_admin
from .jobs import SCHEDULED
from .models import ReportSchedule


class ScheduleForm(VersionedModelForm):
    class Meta:
        model = ReportSchedule
        fields = ["enabled", "working_day", "format", "recipients"]
        widgets = {"recipients": forms.CheckboxSelectMultiple}

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = User.objects.filter(
            division_id=county_code, is_active=True, role__in=READS_COUNTY_DATA
        ).order_by("username")

    def validate_unique(self):
        pass


@require(is_county_admin)
def schedule_settings(request):
    county_code = request.user.county_code
    current = ReportSchedule.objects.filter(county_id=county_code).first()
    form = ScheduleForm(
        request.POST or None,
        instance=current or ReportSchedule(county_id=county_code),
        county_code=county_code,
    )
    waiting = Job.objects.open().filter(kind=SCHEDULED, county_id=county_code).first()
    return form_page(
        request,
        form,
        "reports/schedule_settings.html",
        save=lambda bound: actions.save_schedule(
            acting_user=request.user,
            county_code=county_code,
            expected_version=bound.expected_version,
            **{name: bound.cleaned_data[name] for name in ScheduleForm.Meta.fields},
        ),
        success_message=_("已保存。"),
        success_url=reverse("report_schedule"),
        context={"title": _("月报定期发送"), "schedule": current, "waiting": waiting},
    )
