"""A city's reports in the background (rixin.jobs): every county of the city that the
person who asked may read, as PDF and/or Word, in one ZIP on the job's page. Each file is
recorded in the audit log as a download by that person (as ``make_report`` records its
files). A run taken up again after a kill writes the whole ZIP again."""

from __future__ import annotations

import zipfile
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.accounts.access import visible_in_city
from rixin.cockpit.periods import CockpitPeriod
from rixin.jobs.registry import JobFailed, Outcome, register
from rixin.regions.models import Division, DivisionLevel

from . import access
from .content import KINDS, build_report, file_name
from .downloads import record_report_export
from .frame import DRAFT
from .render import FORMATS, render

CITY = "reports.city"


def formats_of(choice: str) -> tuple[str, ...]:
    return FORMATS if choice == "both" else (choice,)


@register(CITY, title=gettext_lazy("全市报告"), allowed=access.may_generate_city)
def city_reports(job, progress) -> Outcome:
    params = job.params
    city = Division.objects.filter(code=params["city"], level=DivisionLevel.CITY).first()
    if city is None:
        raise JobFailed(_("该地级市不存在。"))
    user = job.created_by
    counties = list(
        Division.objects.filter(code__in=visible_in_city(user, city), level=DivisionLevel.COUNTY)
        .select_related("parent")
        .order_by("code")
    )
    if not counties:
        raise JobFailed(_("没有可生成报告的县(市、区)。"))
    try:
        period = CockpitPeriod.parse(params["period"])
    except ValueError as error:
        raise JobFailed(str(error)) from None
    if period.kind not in KINDS:
        raise JobFailed(_("报告只有半年报告和月报。"))
    formats = formats_of(params.get("format", "pdf"))
    language = "en" if params.get("language") == "en" else "zh"
    total = len(counties) * len(formats)
    buffer = BytesIO()
    done = 0
    progress(0, total, _("正在生成…"))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for county in counties:
            report = build_report(county.code, period, language)
            for fmt in formats:
                content = render(report, fmt, DRAFT)
                name = file_name(county, period, fmt, language)
                archive.writestr(name, content)
                record_report_export(user, county, period, fmt, language, content, name)
                done += 1
                progress(done, total, county.name)
    return Outcome(
        message=_("已生成 %(n)d 个县(市、区)的报告,共 %(files)d 个文件。")
        % {"n": len(counties), "files": total},
        file_name=f"{city.name}-{period.key}-{_('报告')}.zip",
        content=buffer.getvalue(),
        notice_county=counties[0].code,
    )
