"""A city's reports at once (/reports/city/<code>/): the city and province accounts choose a
period and a format; the files are generated in the background (rixin.jobs) and the job's
page shows the progress and, when done, the ZIP to download."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.accounts.access import city_or_404, visible_in_city
from rixin.jobs import actions as job_actions
from rixin.jobs.models import Job
from rixin.jobs.progress import current
from rixin.views import form_page

from . import access
from .content import period_label
from .downloads import available_periods
from .jobs import CITY


class CityReportForm(forms.Form):
    period = forms.ChoiceField(label=gettext_lazy("期间"))
    format = forms.ChoiceField(
        label=gettext_lazy("格式"),
        choices=[("pdf", "PDF"), ("docx", "Word"), ("both", gettext_lazy("PDF 和 Word"))],
    )
    language = forms.ChoiceField(
        label=gettext_lazy("语言"),
        choices=[("zh", gettext_lazy("中文")), ("en", gettext_lazy("英文"))],
    )

    def __init__(self, *args, periods=(), language="zh", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.key, period_label(p, language)) for p in periods]


def _periods(codes: list[str]):
    found = set()
    for code in codes:
        found |= set(available_periods(code))
    return sorted(found, key=lambda p: (p.end, p.kind == "month"), reverse=True)


def report_city(request, city_code):
    if not access.generates_city_reports(request.user):
        raise PermissionDenied("city reports")
    city = city_or_404(request.user, city_code)
    codes = visible_in_city(request.user, city)
    form = CityReportForm(
        request.POST or None, periods=_periods(codes), language=request.LANGUAGE_CODE
    )
    jobs = Job.objects.visible_to(request.user).filter(kind=CITY, params__city=city.code)[:10]
    context = {
        "city": city,
        "form": form,
        "counties": len(codes),
        "jobs": [current(job) for job in jobs],
    }

    def save(bound):
        data = bound.cleaned_data
        return job_actions.enqueue(
            CITY,
            acting_user=request.user,
            params={"city": city.code, **data},
            title=_("%(city)s %(period)s 全市报告") % {"city": city.name, "period": data["period"]},
        )

    return form_page(
        request,
        form,
        "reports/city.html",
        save=save,
        success_message=_("已开始在后台生成,可以关闭本页,完成后会收到消息通知。"),
        success_url=lambda job: reverse("jobs:job", args=[job.pk]),
        context=context,
    )
