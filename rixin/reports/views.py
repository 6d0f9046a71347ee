from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rixin.accounts.access import reads_county_data, require
from rixin.regions.models import Division

from .access import generates_city_reports, may_issue
from .content import file_name, period_label
from .downloads import (
    available_periods,
    county_for,
    download_url,
    file_response,
    is_flash,
    kind_of,
    report_file,
)
from .frame import DRAFT_MODE, OFFICIAL
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


@require(reads_county_data)
def report_county(request, county_code):
    county = county_for(request.user, county_code)
    # 草稿 for every reader; 正式文件 (issued, with its 发文字号) for those who may issue.
    modes = [DRAFT_MODE, OFFICIAL] if may_issue(request.user, county.code) else [DRAFT_MODE]
    rows = [
        {
            "period": period,
            "label": period_label(period, request.LANGUAGE_CODE),
            "kind": kind_of(period),
            "flash": is_flash(period),
            "files": [
                {
                    "format": fmt,
                    "mode": mode,
                    "url": download_url(county.code, period, fmt, mode),
                    "name": file_name(county, period, fmt),
                }
                for mode in modes
                for fmt in FORMATS
            ],
        }
        for period in available_periods(county.code)
    ]
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
    except ValidationError as error:  # an official report while the county has no 公文 frame
        return HttpResponse(" ".join(error.messages), status=409, content_type="text/plain")
    return file_response(content, name, fmt)
