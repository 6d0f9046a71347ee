"""What a report says: sections of sentences, tables and charts, gathered from the modules.

Figures come from the cockpit (``rixin.cockpit.figures``) and, behind it, from each module's
own functions: the indicator brief (``indicators.queries.brief_for``), signing and start
rates (``investment.kpis.progress``), the library (``Project.progress_table`` and
``summarize``), the appeals (``appeals.scorecards``), and the paragraphs the approvals,
parks, funds and innovation modules write in the article's voice (their ``report_paragraph``,
left out when it returns ""). Nothing is computed here but the words.
"""

from __future__ import annotations

import base64
import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from rixin.approvals import figures as approval_figures
from rixin.cockpit import figures
from rixin.cockpit.periods import HALF, MONTH, QUARTER, YEAR, CockpitPeriod
from rixin.funds import figures as fund_figures
from rixin.indicators.models import Indicator
from rixin.indicators.queries import brief_for
from rixin.innovation import figures as innovation_figures
from rixin.investment import kpis
from rixin.investment.choices import TargetPeriod
from rixin.money import PERCENT_PLACES, YI_PER_BILLION, format_percent, plain, yi, yi_number
from rixin.parks import figures as park_figures
from rixin.projects.choices import ProjectCategory, ProjectLevel
from rixin.projects.models import MonthlyReport, Project, ProjectSettings
from rixin.regions.models import Division

from . import charts, sentences

# The period kind a report covers → its kind, as URLs and file names say it.
KINDS = {MONTH: "month", QUARTER: "quarter", HALF: "half", YEAR: "year"}
_KINDS_EN = {
    MONTH: "monthly report",
    QUARTER: "quarterly report",
    HALF: "mid-year review",
    YEAR: "annual review",
}
KEY_PROJECTS = 12


NUMBER = re.compile(r"^[-—+]?[\d.,]*%?$")


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]

    @property
    def marked_rows(self) -> list[list[tuple[str, bool]]]:
        """Each cell with whether it is a number (set right-aligned)."""
        return [[(cell, bool(NUMBER.match(cell))) for cell in row] for row in self.rows]


@dataclass
class Chart:
    title: str
    png: bytes

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Report:
    county: Division
    period: CockpitPeriod
    language: str
    title: str
    header: str
    sections: list[Section]
    generated_at: datetime.datetime
    note: str = ""

    @property
    def kind(self) -> str:
        return KINDS[self.period.kind]


def _en(language: str) -> bool:
    return language.startswith("en")


# ---------------------------------------------------------------- titles


def period_label(period: CockpitPeriod, language: str = "zh") -> str:
    """2024年上半年 / 2024年7月 (the first half of 2024 / July 2024)."""
    return period.label_en if _en(language) else period.label_zh


def title(county: Division, period: CockpitPeriod, language: str = "zh") -> str:
    """寿阳县2024年上半年“期中答卷” / 寿阳县2024年7月经济运行月报 / 寿阳县2024年第一季度
    经济运行报告 / 寿阳县2024年“年度总结”."""
    name = county.name_en or county.name if _en(language) else county.name
    if _en(language):
        return f"{name}: {_KINDS_EN[period.kind]}, {period_label(period, language)}"
    label = period_label(period, language)
    if period.kind == MONTH:
        return f"{name}{label}经济运行月报"
    if period.kind == QUARTER:
        return f"{name}{label}经济运行报告"
    if period.kind == YEAR:
        return f"{name}{label}“年度总结”"
    return f"{name}{label}“期中答卷”" if period.number == 1 else f"{name}{label}工作报告"


def file_name(county: Division, period: CockpitPeriod, fmt: str, language: str = "zh") -> str:
    """寿阳县-2024H1-期中答卷.pdf, 寿阳县-2024-07-月报.docx, 寿阳县-2024Q1-季度报告.pdf,
    寿阳县-2024-年度总结.docx; English names in English."""
    if _en(language):
        kind = _KINDS_EN[period.kind].replace(" ", "-")
        return f"{county.name_en or county.code}-{period.key}-{kind}.{fmt}"
    kind = {MONTH: "月报", QUARTER: "季度报告", YEAR: "年度总结"}.get(period.kind) or (
        "期中答卷" if period.number == 1 else "半年报告"
    )
    return f"{county.name}-{period.key}-{kind}.{fmt}"


# ---------------------------------------------------------------- sections


def indicator_section(county: Division, period: CockpitPeriod, facts, language: str) -> Section:
    span = period.indicator_period
    brief = brief_for(county.code, span.year, span.month, language)
    section = Section(_("一、经济运行"))
    section.paragraphs.append(brief or _("本期经济指标尚未发布。"))
    cards = [card for card in facts.indicators if card.value is not None or card.rate is not None]
    if not cards:
        return section
    names = _indicator_names(cards, language)
    months = sentences.month_span(datetime.date(span.year, 1, 1), period.end, language)
    section.tables.append(
        Table(
            _("主要经济指标(%(span)s)")
            % {"span": f"{span.year} {months}" if _en(language) else span.label()},
            [_("指标"), _("数值"), _("单位"), _("同比增长"), _("全市排名")],
            [
                [
                    names[card.code],
                    *_value_and_unit(card, language),
                    format_percent(card.rate, card.rate_places, fixed=True),
                    card.rank_label or "—",
                ]
                for card in cards
            ],
        )
    )
    rated = [card for card in cards if card.rate is not None]
    section.charts.append(
        Chart(
            _("主要指标同比增长"),
            charts.bar_chart(
                _("主要指标同比增长(%)"),
                [names[card.code] for card in rated],
                [charts.Series(county.name, [float(card.rate) for card in rated])],
                unit="%",
            ),
        )
    )
    return section


def _indicator_names(cards, language: str) -> dict[str, str]:
    """Indicator names in the report's language (the catalogue keeps both)."""
    if not _en(language):
        return {card.code: card.name for card in cards}
    english = dict(
        Indicator.objects.filter(code__in=[c.code for c in cards]).values_list("code", "name_en")
    )
    return {card.code: english.get(card.code) or card.name for card in cards}


@dataclass
class Window(kpis.Period):
    """A target period seen only up to a day: a monthly report counts what was signed from
    the start of the target period to the end of its month."""

    through: datetime.date | None = None

    @property
    def end(self) -> datetime.date:
        end = kpis.Period.end.fget(self)
        return min(end, self.through) if self.through else end


def _value_and_unit(card, language: str) -> list[str]:
    """The value in the unit its readers use: 亿元 in Chinese, billion yuan in English (never
    "98.03 100 million yuan")."""
    if card.value is None:
        return ["—", ""]
    if _en(language) and card.unit == "亿元":
        return [plain(card.value / YI_PER_BILLION, 3, grouped=True), "billion yuan"]
    return [plain(card.value, grouped=True), _(card.unit)]


def investment_window(county_code: str, period: CockpitPeriod) -> Window:
    target = figures.investment_period(county_code, period)
    return Window(county_code, target.year, target.period, through=period.end)


def investment_section(county: Division, period: CockpitPeriod, language: str) -> Section:
    window = investment_window(county.code, period)
    total, teams = kpis.progress(window)
    target_name = TargetPeriod(window.period)
    with override("zh-hans"):
        name_zh = str(target_name.label)
    facts = sentences.InvestmentFigures(
        start=window.start,
        end=window.end,
        signed_amount=total.signed_amount,
        signing_rate=total.signing_rate,
        whole_target_period=window.end == kpis.Period.end.fget(window),
        target_name_zh=name_zh,
        target_name_en={"h1": "the first half", "h2": "the second half"}.get(
            window.period, "the year"
        ),
        year_count=total.year_count,
        start_rate=total.start_rate,
        start_rate_completion=total.start_rate_completion,
    )
    section = Section(_("二、招商引资"))
    section.paragraphs.append(sentences.investment_sentence(facts, language))
    rows = [
        [
            progress.team.name,
            yi(progress.signed_amount),
            yi(progress.target.signing_amount) if progress.target else "—",
            format_percent(progress.signing_rate, PERCENT_PLACES),
            str(progress.year_count),
            format_percent(progress.start_rate, PERCENT_PLACES),
        ]
        for progress in teams
    ]
    if rows:
        section.tables.append(
            Table(
                _("各招商团队签约情况"),
                [
                    _("团队"),
                    _("签约额(亿元)"),
                    _("目标(亿元)"),
                    _("完成率"),
                    _("当年签约项目"),
                    _("开工率"),
                ],
                rows,
            )
        )
    months = kpis.monthly_signed(window)
    if any(amount for _month, amount, _running in months):
        section.charts.append(
            Chart(
                _("逐月签约额"),
                charts.bar_chart(
                    _("逐月签约额(亿元)"),
                    [_("%(m)d月") % {"m": month} for month, _a, _r in months],
                    [
                        charts.Series(_("当月"), [yi_number(a) for _m, a, _r in months]),
                        charts.Series(_("累计"), [yi_number(r) for _m, _a, r in months]),
                    ],
                    unit=_("亿元"),
                ),
            )
        )
    return section


def _key_projects(county_code: str, period: CockpitPeriod) -> list[tuple[Project, object]]:
    """一号工程, 省级 and 市级重点, and projects whose report of the period says something."""
    reporting = set(
        MonthlyReport.objects.filter(county_id=county_code, year=period.year)
        .filter(month__gte=period.first_month, month__lte=period.last_month)
        .exclude(progress_text="")
        .values_list("project_id", flat=True)
    )
    projects = Project.objects.filter(county_id=county_code).filter(
        Q(pk__in=list(reporting))
        | Q(is_key_one=True)
        | Q(level__in=[ProjectLevel.PROVINCIAL, ProjectLevel.CITY])
    )
    # Only projects in the library by the period's end, with the status they had then.
    projects = figures.in_library_by(projects, period.end)
    rules = ProjectSettings.for_county(county_code)
    table = figures.with_status_then(
        projects.progress_table(period.year, period.last_month, rules, period.as_of())
    )
    order = {ProjectLevel.PROVINCIAL: 0, ProjectLevel.CITY: 1}
    table.sort(
        key=lambda row: (
            not row[0].is_key_one,
            order.get(row[0].level, 2),
            -row[0].total_investment,
        )
    )
    return table[:KEY_PROJECTS]


def _latest_texts(projects: list[Project], period: CockpitPeriod) -> dict[int, MonthlyReport]:
    reports = (
        MonthlyReport.objects.filter(project__in=[p.pk for p in projects])
        .through(period.year, period.last_month)
        .exclude(progress_text="")
        .order_by("project_id", "-year", "-month")
        .only("project_id", "year", "month", "progress_text")
    )
    latest: dict[int, MonthlyReport] = {}
    for report in reports:
        latest.setdefault(report.project_id, report)
    return latest


def key_project_paragraphs(county_code: str, period: CockpitPeriod, language: str) -> list[str]:
    table = _key_projects(county_code, period)
    texts = _latest_texts([p for p, _f in table], period)
    paragraphs = []
    for project, progress in table:
        report = texts.get(project.pk)
        tags = (["一号工程"] if project.is_key_one else []) + (
            [str(project.get_level_display())]
            if project.level in (ProjectLevel.PROVINCIAL, ProjectLevel.CITY)
            else []
        )
        facts = sentences.KeyProject(
            name=project.name,
            tags=tags,
            report_text=report.progress_text if report else "",
            report_year=report.year if report else None,
            report_month=report.month if report else None,
            completed_this_year=progress.completed_this_year,
            annual_completion=progress.against_annual_plan,
            physical=progress.physical,
            description=project.construction_content,
        )
        paragraphs.append(
            sentences.key_project_paragraph(facts, period.year, period.last_month, language)
        )
    return paragraphs


def project_section(county: Division, period: CockpitPeriod, facts, language: str) -> Section:
    card = facts.projects
    with override("zh-hans"):
        names_zh = {c.value: str(c.label) for c in ProjectCategory}
    names_en = {
        "industrial": "industry",
        "infrastructure": "infrastructure",
        "livelihood": "livelihood",
    }
    groups = [
        sentences.Group(names_zh[c.category], names_en[c.category], c.count, c.total_investment)
        for c in card.by_category
    ]
    total = sentences.Group("", "", card.count, card.total_investment)
    months = sentences.month_span(datetime.date(period.year, 1, 1), period.end, language)
    plan = sentences.PlanFigures(
        card.planned_start,
        card.started,
        card.start_rate,
        card.planned_completion,
        card.finished,
        card.completion_rate,
        card.annual_plan,
        card.completed_this_year,
        card.annual_completion,
    )
    section = Section(_("三、项目建设"))
    section.paragraphs += [
        sentences.library_sentence(total, groups, language),
        sentences.plan_sentence(plan, months, language),
    ]
    section.paragraphs += _written(
        # 并联审批 in the period; the parks with what their projects invested since January,
        # as the plan sentence counts.
        approval_figures.report_paragraph(county.code, period.start, period.end),
        park_figures.report_paragraph(county.code, datetime.date(period.year, 1, 1), period.end),
    )
    section.tables.append(
        Table(
            _("项目库分类汇总"),
            [_("类别"), _("项目数"), _("总投资(亿元)")],
            [[c.label, str(c.count), yi(c.total_investment)] for c in card.by_category]
            + [[_("合计"), str(card.count), yi(card.total_investment)]],
        )
    )
    monthly = figures.monthly_investment(county.code, period)
    section.charts.append(
        Chart(
            _("项目月度计划投资与实际完成"),
            charts.line_chart(
                _("项目月度计划投资与实际完成(亿元)"),
                [_("%(m)d月") % {"m": m.month} for m in monthly],
                [
                    charts.Series(_("计划"), [yi_number(m.planned) for m in monthly]),
                    charts.Series(
                        _("实际"),
                        [yi_number(m.actual) for m in monthly],
                    ),
                ],
                unit=_("亿元"),
            ),
        )
    )
    return section


def key_project_section(county: Division, period: CockpitPeriod, language: str) -> Section:
    section = Section(_("四、重点项目进展"))
    section.paragraphs = key_project_paragraphs(county.code, period, language) or [
        _("暂无重点项目。")
    ]
    return section


def appeal_section(county: Division, period: CockpitPeriod, facts, language: str) -> Section:
    card = facts.appeals
    months = sentences.month_span(period.start, period.end, language)
    summary = sentences.AppealFigures(
        card.total,
        card.closed,
        card.marked,
        card.satisfaction_rate,
        card.resolution_rate,
        card.overdue,
    )
    section = Section(_("五、以月答卷"))
    section.paragraphs.append(sentences.appeals_sentence(summary, months, language))
    departments = figures.appeals_by_department(county.code, period)
    if not departments:
        return section
    section.tables.append(
        Table(
            _("部门办理情况排名"),
            [
                _("排名"),
                _("部门"),
                _("派单"),
                _("响应率"),
                _("按时办结率"),
                _("满意率"),
                _("综合评分"),
            ],
            [
                [
                    str(d.rank or "—"),
                    d.name,
                    str(d.dispatched),
                    format_percent(d.response_rate, PERCENT_PLACES),
                    format_percent(d.on_time_rate, PERCENT_PLACES),
                    format_percent(d.satisfaction_rate, PERCENT_PLACES),
                    plain(d.score) if d.score is not None else "—",
                ]
                for d in departments
            ],
        )
    )
    scored = [d for d in departments if d.score is not None]
    section.charts.append(
        Chart(
            _("部门综合评分"),
            charts.bar_chart(
                _("部门综合评分"),
                [d.name.removeprefix(county.name) for d in scored],
                [charts.Series(_("综合评分"), [float(d.score) for d in scored])],
            ),
        )
    )
    return section


def _written(*paragraphs: str) -> list[str]:
    """The paragraphs a module wrote; one that returned "" (no data) is left out."""
    return [paragraph for paragraph in paragraphs if paragraph]


CHINESE_NUMERALS = "一二三四五六七八九十"


def numbered(number: int, name: str, language: str) -> str:
    """六、要素保障 / 6. Funding: a section after the fixed five takes the next number."""
    if _en(language):
        return f"{number}. {name}"
    return f"{CHINESE_NUMERALS[number - 1]}、{name}"


def module_sections(county: Division, period: CockpitPeriod, language: str) -> list[Section]:
    """要素保障 (the funds of the year, allocated and paid by the period's end) and 科技创新
    (innovation, certificates valid at the period's end), each only when its module has
    something to say; numbered after the fixed sections by ``build_report``."""
    found = [
        (_("要素保障"), fund_figures.report_paragraph(county.code, period.year, period.end)),
        (
            _("科技创新"),
            innovation_figures.report_paragraph(county.code, period.year, period.end),
        ),
    ]
    return [Section(name, [paragraph]) for name, paragraph in found if paragraph]


# ---------------------------------------------------------------- the report


def build_report(county_code: str, period: CockpitPeriod | str, language: str = "zh") -> Report:
    """The whole report of a county for a month, a quarter, a half-year or a year, in
    ``language``; every section reads the period's figures as of its end."""
    if isinstance(period, str):
        period = CockpitPeriod.parse(period)
    county = Division.objects.select_related("parent").get(code=county_code, level="county")
    with override("en" if _en(language) else "zh-hans"):
        facts = figures.county_figures(county_code, period)
        sections = [
            indicator_section(county, period, facts, language),
            investment_section(county, period, language),
            project_section(county, period, facts, language),
            key_project_section(county, period, language),
            appeal_section(county, period, facts, language),
        ]
        for section in module_sections(county, period, language):
            section.title = numbered(len(sections) + 1, section.title, language)
            sections.append(section)
        label = period_label(period, language)
        name = (county.name_en or county.name) if _en(language) else county.name
        return Report(
            county=county,
            period=period,
            language=language,
            title=title(county, period, language),
            header=f"{name} · {label}",
            sections=sections,
            generated_at=timezone.localtime(),
            note=_illustrative_note(county_code, facts),
        )


def _illustrative_note(county_code: str, facts) -> str:
    """Said when invented demo rows are among the report's sources."""
    if any(card.is_illustrative for card in facts.indicators) or (
        figures.in_library_by(
            Project.objects.filter(county_id=county_code, is_illustrative=True), facts.period.end
        ).exists()
    ):
        return _(
            "注:本报告所用数据中含演示用的示例数据(并非公开发布的事实);文章公布的数字按原文录入。"
        )
    return ""
