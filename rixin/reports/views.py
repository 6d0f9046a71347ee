from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from rixin.accounts.access import reads_county_data, require
from rixin.regions.models import Division
from rixin.views import form_page

from . import actions
from .access import check_issues, generates_city_reports, may_issue
from .content import file_name, period_label
from .downloads import (
    available_periods,
    county_for,
    download_url,
    file_response,
    is_flash,
    issued_reports,
    kind_of,
    report_file,
    report_period,
)
from .frame import DRAFT_MODE, OFFICIAL
from .models import IssuedReport
from .render import FORMATS


@require(reads_county_data)
def report_index(request):
    """County staff go to their county's reports; city and province accounts choose a county."""
    codes = request.user.visible_county_codes()
    if request.user.county_code:
        return redirect("report_county", county_code=request.user.county_code)
    counties = Division.objects.filter(code__in=codes).select_related("parent").order_by("code")
    cities = []
    if generates_city_reports(request.user):
        parents = {county.parent for county in counties if county.parent_id}
        cities = sorted(parents, key=lambda city: city.code)
    return render(request, "reports/index.html", {"counties": counties, "cities": cities})


def _files(county, period, modes) -> list[dict]:
    return [
        {
            "format": fmt,
            "mode": mode,
            "url": download_url(county.code, period, fmt, mode),
            "name": file_name(county, period, fmt),
        }
        for mode in modes
        for fmt in FORMATS
    ]


@require(reads_county_data)
def report_county(request, county_code):
    county = county_for(request.user, county_code)
    # 草稿 for every reader; for those who may issue, 签发 (a confirmed POST) and then the
    # 正式文件 as issued, with its 发文字号.
    issuer = may_issue(request.user, county.code)
    issued = issued_reports(county.code) if issuer else {}
    rows = []
    for period in available_periods(county.code):
        done = issued.get(period.key)
        flash = is_flash(period)
        rows.append(
            {
                "period": period,
                "label": period_label(period, request.LANGUAGE_CODE),
                "kind": kind_of(period),
                "flash": flash,
                "files": _files(county, period, [DRAFT_MODE, OFFICIAL] if done else [DRAFT_MODE]),
                "issued": done,
                "issue_url": (
                    reverse(
                        "report_issue",
                        kwargs={
                            "county_code": county.code,
                            "period": period.key,
                            "kind": kind_of(period),
                        },
                    )
                    if issuer and not done and not flash
                    else ""
                ),
            }
        )
    messages_js = {
        "generating": _("正在按最新数据生成… 已用 %s 秒"),
        "receiving": _("正在下载…"),
        "done": _("已完成,用时 %s 秒"),
        "failed": _("生成失败(%s),请稍后重试"),
    }
    context = {"county": county, "rows": rows, "messages_js": messages_js}
    return render(request, "reports/county.html", context)


@require_GET
@require(reads_county_data)
def report_download(request, county_code, period, kind, fmt):
    try:
        content, name = report_file(
            request.user,
            county_code,
            period,
            kind,
            fmt,
            request.GET.get("language", "zh"),
            request.GET.get("mode", DRAFT_MODE),
        )
    except ValidationError as error:  # an official file not yet issued
        return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
    return file_response(content, name, fmt)


class IssueForm(forms.Form):
    dated = forms.DateField(
        label=gettext_lazy("成文日期"),
        required=False,
        help_text=gettext_lazy("留空则按本县公文格式设置(期末后若干天,或签发当天)。"),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("确认签发:取得本年下一个发文字号,签发后不能撤回"),
        error_messages={"required": gettext_lazy("请勾选确认后再签发。")},
    )


@require(reads_county_data)
def report_issue(request, county_code, period, kind):
    """正式发文: the county administrator confirms, and the report takes its 发文字号 (a POST
    with CSRF); its files are then downloaded as issued."""
    county = county_for(request.user, county_code)
    period = report_period(period, kind)
    check_issues(request.user, county.code)
    issued = IssuedReport.objects.filter(county_id=county.code, period_key=period.key).first()
    form = IssueForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        "reports/issue.html",
        save=lambda form: actions.issue_official_report(
            acting_user=request.user,
            county_code=county.code,
            period=period,
            dated=form.cleaned_data["dated"],
        ),
        success_message=lambda done: _("已签发,发文字号 %(n)s。") % {"n": done.document_number},
        success_url=reverse("report_county", kwargs={"county_code": county.code}),
        context={
            "county": county,
            "label": period_label(period, request.LANGUAGE_CODE),
            "issued": issued,
            "files": _files(county, period, [OFFICIAL]) if issued else [],
        },
    )
