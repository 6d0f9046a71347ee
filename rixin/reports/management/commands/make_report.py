"""Write a county's report (or every county's of a city) as PDF and/or Word files.

manage.py make_report --county 140725 --period 2024H1 --format pdf
manage.py make_report --city 140700 --period 2024-07 --format both --output reports/
manage.py make_report --county 140725 --period 2024H1 --format docx --official
manage.py make_report --county 140725 --quarter 2024Q1 --format pdf
manage.py make_report --county 140725 --year 2024 --format both
manage.py make_report --city 140700 --period 2024H1 --format both --background

--background (with --city, drafts only) queues the city's reports as a job for the worker
(``manage.py work``) and prints the job's number: the ZIP and the progress are on /jobs/<n>/
(``manage.py jobs`` lists the jobs).

--draft (the default) writes the internal draft, marked 草稿; --official issues the report in
the county's 公文 frame (its 发文字号 taken, or the one it was given) and writes that.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from rixin.accounts.access import system_actor
from rixin.cockpit.periods import QUARTER, YEAR, CockpitPeriod
from rixin.jobs.actions import enqueue
from rixin.regions.models import Division

from ...content import build_report, file_name
from ...downloads import record_report_export
from ...frame import DRAFT, official
from ...jobs import CITY
from ...render import FORMATS, render


class Command(BaseCommand):
    help = (
        "Generate a county's report: monthly (--period 2024-07), quarterly (--quarter 2024Q1), "
        "half-year (期中答卷, --period 2024H1) or annual (年度总结, --year 2024)."
    )

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--county", help="6-digit county code")
        where.add_argument("--city", help="6-digit city code: every county of the city")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--period", help="2024-07, 2024Q1, 2024H1 or 2024")
        which.add_argument("--quarter", help="a quarter: 2024Q1 … 2024Q4")
        which.add_argument("--year", help="a year: 2024")
        parser.add_argument("--format", choices=[*FORMATS, "both"], default="pdf")
        parser.add_argument("--language", choices=["zh", "en"], default="zh")
        parser.add_argument(
            "--output", "-o", default=".", help="folder to write to (default: here)"
        )
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--official", action="store_true", help="the 公文 form, with its 发文字号"
        )
        mode.add_argument(
            "--draft", action="store_true", help="the internal draft, marked 草稿 (default)"
        )
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="成文日期 (YYYY-MM-DD) of --official"
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="with --city: queue the city's drafts as a job for the worker, in one ZIP",
        )

    def handle(self, *args, **options):
        period = self._period(options["period"], options["quarter"], options["year"])
        if options["background"]:
            return self._enqueue(period, options)
        counties = self._counties(options["county"], options["city"])
        formats = FORMATS if options["format"] == "both" else (options["format"],)
        folder = Path(options["output"])
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        bar = tqdm(
            counties,
            desc=str(period.key),
            unit="county",
            file=self.stderr,
            disable=len(counties) < 2,
        )
        actor = system_actor()
        language = options["language"]
        for county in bar:
            bar.set_postfix_str(county.name)
            report = build_report(county.code, period, language)
            frame = self._frame(county, period, actor, options) if options["official"] else DRAFT
            for fmt in formats:
                path = folder / file_name(county, period, fmt, language)
                content = render(report, fmt, frame)
                path.write_bytes(content)
                record_report_export(
                    actor, county, period, fmt, language, content, path.name, frame.mode
                )
                written.append(path)
        for path in written:
            self.stdout.write(str(path))

    def _enqueue(self, period: CockpitPeriod, options) -> None:
        if not options["city"] or options["official"]:
            raise CommandError("--background goes with --city, for drafts")
        self._counties(None, options["city"])
        job = enqueue(
            CITY,
            acting_user=system_actor(),
            params={
                "city": options["city"],
                "period": period.key,
                "format": options["format"],
                "language": options["language"],
            },
            title=f"{options['city']} {period.key}",
        )
        self.stdout.write(f"job {job.pk} queued: manage.py work runs it; manage.py jobs shows it")

    def _frame(self, county: Division, period: CockpitPeriod, actor, options):
        try:
            return official(county.code, period, acting_user=actor, dated=options["date"])
        except ValidationError as error:
            raise CommandError(f"{county.name}: {' '.join(error.messages)}") from None

    def _period(self, text: str | None, quarter: str | None, year: str | None) -> CockpitPeriod:
        try:
            period = CockpitPeriod.parse(text or quarter or year)
        except ValueError as error:
            raise CommandError(str(error)) from None
        wanted = QUARTER if quarter else YEAR if year else None
        if wanted and period.kind != wanted:
            flag = "--quarter" if quarter else "--year"
            example = "2024Q1" if quarter else "2024"
            raise CommandError(f"{flag} “{quarter or year}”: 应为如 {example} 的期间")
        return period

    def _counties(self, county: str | None, city: str | None) -> list[Division]:
        if county:
            found = list(Division.objects.filter(code=county, level="county"))
            if not found:
                raise CommandError(f"“{county}”不是已登记的县(市、区)代码")
            return found
        counties = list(Division.objects.filter(parent_id=city, level="county").order_by("code"))
        if not counties:
            raise CommandError(f"“{city}”不是已登记的地级市代码,或其下没有县(市、区)")
        return counties
