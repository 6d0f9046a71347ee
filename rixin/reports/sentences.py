"""The report's sentences: pure functions of figures the modules computed.

Each follows the form the county's own reports use (the article's "期中答卷"):
- investment: "1-6月份,已完成签约总额76.64亿元,完成率106.44%;当年签约项目开工率达到50%,完成率125%。"
  "完成率" when the window is the whole target period, "完成上半年目标的X%" when it is only
  part of it; the completion is left out without a target; "当年尚无签约项目" without agreements;
- library: "全县项目动态储备库共有271个项目,总投资735亿元,其中产业类…个、总投资…亿元,…";
- plan: planned starts and completions of the year with their rates, and the year's investment;
- appeals: how many were received, closed, marked, with 满意率 and 解决率, and the overdue ones;
- key project: its tags, the text of its latest monthly report, and its figures.
Money arrives in 万元 and is written in 亿元; rates arrive in % and are written without
trailing zeros. Both languages are written here (as in the indicator brief), so the report's
language is the one asked for, whatever the reader's interface language.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rixin.money import PERCENT_PLACES, billion_yuan, format_percent, yi

_MONTHS_EN = (
    "January February March April May June July August September October November December".split()
)


def month_span(start: datetime.date, end: datetime.date, language: str = "zh") -> str:
    """ "1-6月" / "7月"; "January to June" / "July"."""
    if language.startswith("en"):
        first, last = _MONTHS_EN[start.month - 1], _MONTHS_EN[end.month - 1]
        return first if start.month == end.month else f"{first} to {last}"
    return f"{end.month}月" if start.month == end.month else f"{start.month}-{end.month}月"


@dataclass(frozen=True)
class InvestmentFigures:
    """What the investment module computed for the report's window (money in 万元)."""

    start: datetime.date
    end: datetime.date
    signed_amount: Decimal
    signing_rate: Decimal | None
    whole_target_period: bool
    target_name_zh: str
    target_name_en: str
    year_count: int
    start_rate: Decimal | None
    start_rate_completion: Decimal | None


def investment_sentence(f: InvestmentFigures, language: str = "zh") -> str:
    if language.startswith("en"):
        return _investment_en(f)
    text = f"{month_span(f.start, f.end)}份,已完成签约总额{yi(f.signed_amount)}亿元"
    if f.signing_rate is not None:
        text += (
            f",完成率{format_percent(f.signing_rate, PERCENT_PLACES)}"
            if f.whole_target_period
            else f",完成{f.target_name_zh}目标的{format_percent(f.signing_rate, PERCENT_PLACES)}"
        )
    if not f.year_count:
        return text + ";当年尚无签约项目。"
    text += f";当年签约项目开工率达到{format_percent(f.start_rate, PERCENT_PLACES)}"
    if f.start_rate_completion is not None:
        text += f",完成率{format_percent(f.start_rate_completion, PERCENT_PLACES)}"
    return text + "。"


def _investment_en(f: InvestmentFigures) -> str:
    text = (
        f"From {month_span(f.start, f.end, 'en')}, agreements worth "
        f"{billion_yuan(f.signed_amount)} were signed"
    )
    if f.signing_rate is not None:
        target = "the target" if f.whole_target_period else f"the target of {f.target_name_en}"
        text += f", {format_percent(f.signing_rate, PERCENT_PLACES)} of {target}"
    if not f.year_count:
        return text + "; no agreement has been signed this year."
    text += f"; {format_percent(f.start_rate, PERCENT_PLACES)} of this year's signed projects have started"
    if f.start_rate_completion is not None:
        text += (
            f", {format_percent(f.start_rate_completion, PERCENT_PLACES)} of the target start rate"
        )
    return text + "."


@dataclass(frozen=True)
class Group:
    """A group of projects: its name, count and total investment (万元)."""

    name_zh: str
    name_en: str
    count: int
    investment: Decimal


def library_sentence(total: Group, categories: Sequence[Group], language: str = "zh") -> str:
    if language.startswith("en"):
        parts = [
            f"{g.name_en}: {g.count} projects, {billion_yuan(g.investment)}" for g in categories
        ]
        text = (
            f"The county's dynamic project reserve holds {total.count} projects with a total "
            f"investment of {billion_yuan(total.investment)}"
        )
        return text + (" (" + "; ".join(parts) + ")." if parts else ".")
    text = f"全县项目动态储备库共有{total.count}个项目,总投资{yi(total.investment)}亿元"
    parts = [f"{g.name_zh}{g.count}个、总投资{yi(g.investment)}亿元" for g in categories]
    return text + (",其中" + ",".join(parts) if parts else "") + "。"


@dataclass(frozen=True)
class PlanFigures:
    """The year's plans: planned starts and completions, and the investment (万元)."""

    planned_start: int
    started: int
    start_rate: Decimal | None
    planned_completion: int
    finished: int
    completion_rate: Decimal | None
    annual_plan: Decimal
    completed_this_year: Decimal
    annual_completion: Decimal | None


def plan_sentence(f: PlanFigures, months: str, language: str = "zh") -> str:
    """``months`` is the span of the year covered ("1-6月" or "January to June")."""
    if language.startswith("en"):
        text = (
            f"Of {f.planned_start} projects planned to start this year, {f.started} have started"
            f" ({format_percent(f.start_rate, PERCENT_PLACES) if f.start_rate is not None else '—'}); of "
            f"{f.planned_completion} planned to be completed, {f.finished} are completed"
            f" ({format_percent(f.completion_rate, PERCENT_PLACES) if f.completion_rate is not None else '—'}). "
            f"From {months}, {billion_yuan(f.completed_this_year)} were invested"
        )
        if f.annual_completion is not None:
            text += f", {format_percent(f.annual_completion, PERCENT_PLACES)} of the annual plan"
        return text + "."
    text = f"年度计划新开工项目{f.planned_start}个,已开工{f.started}个"
    if f.start_rate is not None:
        text += f",开工率{format_percent(f.start_rate, PERCENT_PLACES)}"
    text += f";计划竣工项目{f.planned_completion}个,已竣工{f.finished}个"
    if f.completion_rate is not None:
        text += f",竣工率{format_percent(f.completion_rate, PERCENT_PLACES)}"
    text += f";{months}入库项目累计完成投资{yi(f.completed_this_year)}亿元"
    if f.annual_completion is not None:
        text += f",完成年度计划的{format_percent(f.annual_completion, PERCENT_PLACES)}"
    return text + "。"


@dataclass(frozen=True)
class AppealFigures:
    total: int
    closed: int
    marked: int
    satisfaction_rate: Decimal | None
    resolution_rate: Decimal | None
    overdue: int


def appeals_sentence(f: AppealFigures, months: str, language: str = "zh") -> str:
    """The "以月答卷" result of the window (``months`` as in ``month_span``)."""
    if language.startswith("en"):
        if not f.total:
            return f"No enterprise appeal was received from {months}."
        text = f"From {months}, {f.total} enterprise appeals were received and {f.closed} closed"
        if f.marked:
            text += (
                f"; {f.marked} answers were marked by the enterprises, satisfaction "
                f"{format_percent(f.satisfaction_rate, PERCENT_PLACES)}, resolved {format_percent(f.resolution_rate, PERCENT_PLACES)}"
            )
        if f.overdue:
            text += f"; {f.overdue} are overdue"
        return text + "."
    if not f.total:
        return f"{months}份未受理企业诉求。"
    text = f"{months}份共受理企业诉求{f.total}件,已办结{f.closed}件"
    if f.marked:
        text += (
            f";企业已阅卷{f.marked}件,满意率{format_percent(f.satisfaction_rate, PERCENT_PLACES)},"
            f"解决率{format_percent(f.resolution_rate, PERCENT_PLACES)}"
        )
    if f.overdue:
        text += f";逾期未办结{f.overdue}件"
    return text + "。"


@dataclass(frozen=True)
class KeyProject:
    """A key project and what its latest monthly report says."""

    name: str
    tags: Sequence[str]
    report_text: str
    report_year: int | None
    report_month: int | None
    completed_this_year: Decimal
    annual_completion: Decimal | None
    physical: Decimal | None
    description: str = ""


def key_project_paragraph(p: KeyProject, year: int, month: int, language: str = "zh") -> str:
    """The latest report's text, marked with its month when older than the report's month;
    the project's description when it has no report text; then the year's figures."""
    older = p.report_text and (p.report_year, p.report_month) != (year, month)
    if language.startswith("en"):
        text = p.report_text or p.description
        if older:
            text = f"(report of {p.report_year}-{p.report_month:02d}) {text}"
        figures = f" Invested this year: {billion_yuan(p.completed_this_year)}"
        if p.annual_completion is not None:
            figures += f", {format_percent(p.annual_completion, PERCENT_PLACES)} of the annual plan"
        if p.physical is not None:
            figures += f"; physical progress {format_percent(p.physical, PERCENT_PLACES)}"
        return f"{p.name}{' (' + ', '.join(p.tags) + ')' if p.tags else ''}: {text}{figures}."
    text = p.report_text or (f"项目概况:{p.description}" if p.description else "")
    if older:
        text = f"({p.report_month}月报告){text}"
    if text and not text.endswith(("。", ";", "!")):
        text += "。"
    figures = f"本年累计完成投资{yi(p.completed_this_year)}亿元"
    if p.annual_completion is not None:
        figures += f",完成年度计划的{format_percent(p.annual_completion, PERCENT_PLACES)}"
    if p.physical is not None:
        figures += f",形象进度{format_percent(p.physical, PERCENT_PLACES)}"
    tags = f"({'、'.join(p.tags)})" if p.tags else ""
    return f"{p.name}{tags}:{text}{figures}。"
