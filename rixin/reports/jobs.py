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
from rixin.jobs import files
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


SCHEDULED = "reports.scheduled"


@register(SCHEDULED, title=gettext_lazy("月报定期发送"), allowed=access.may_schedule)
def scheduled_report(job, progress) -> Outcome:
    """One month of a county's schedule: generate, record and notify once, then queue the
    next month. A run taken up again after the month was recorded only queues the next.
    The files are written to the job's folder before the notice, which attaches them to
    the email by their paths."""
    from rixin.accounts.access import system_actor

    from . import actions
    from .downloads import download_url
    from .models import ReportSchedule

    actor = system_actor()
    code = job.params["county"]
    schedule = ReportSchedule.objects.filter(county_id=code).select_related("county").first()
    if schedule is None or not schedule.enabled:
        return Outcome(message=_("月报定期发送已停用。"))
    period = CockpitPeriod.parse(job.params["period"])
    if schedule.last_period and schedule.last_period >= period.key:
        actions.schedule_next(schedule, acting_user=actor, running=job.pk)
        return Outcome(message=_("%(period)s 月报此前已发送。") % {"period": period.key})
    county = schedule.county
    formats = formats_of(schedule.format)
    progress(0, len(formats), _("正在生成…"))
    report = build_report(code, period, "zh")
    written, attachments = [], []
    for fmt in formats:
        content = render(report, fmt, DRAFT)
        name = file_name(county, period, fmt)
        record_report_export(actor, county, period, fmt, "zh", content, name)
        written.append((name, content))
        attachments.append((name, files.jobs_dir() / files.save_result(job.pk, name, content)))
        progress(len(written), len(formats), name)
    link = download_url(code, period, formats[0])
    actions.record_scheduled_run(
        schedule, period, link=link, attachments=attachments, acting_user=actor
    )
    schedule.refresh_from_db()
    actions.schedule_next(schedule, acting_user=actor, running=job.pk)
    if len(written) == 1:
        name, content = written[0]
    else:
        buffer = BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member, data in written:
                archive.writestr(member, data)
        name, content = f"{county.name}-{period.key}-{_('月报')}.zip", buffer.getvalue()
    count = schedule.recipients.count()
    return Outcome(
        message=_("%(period)s 月报已生成并发送给 %(n)d 位接收人。")
        % {"period": period.key, "n": count},
        file_name=name,
        content=content,
    )
