"""The floor of each benchmarked page: hand-written SQL that computes every number the page
shows, by the page's own rules, on the same database, with nothing else (no ORM, no
template; Python only shapes the fetched rows and divides counts into rates).

A page's time divided by its floor's time says how much the page spends on top of the
database work its figures need. Each floor returns its figures as plain numbers (counts,
Decimal 万元) so that rixin/tests/test_floors_equal_pages.py can hold it equal to the page's
own functions on the same data: a floor cannot drift from its page again.

The rules the floors repeat in SQL:
- as of a period's end: a project is in the library once its first status change (入库) is
  before the end of the day, with the status of its latest change by then; an appeal has the
  status of its latest transition by then;
- health: the annual completion (reports of the year ÷ the year's plan) against the share of
  the year elapsed on the period's end (or today), with the county's margins;
- the monthly plan split: the plan's twelve month amounts, else an even split;
- 开工率/竣工率: projects of the table whose plan says 当年开工/竣工 and whose status then was
  started/finished.
What a floor does not compute is named in its docstring.
"""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection

TZ = ZoneInfo("Asia/Shanghai")
STARTED = ("new_start", "under_construction", "completed", "operating")
FINISHED = ("completed", "operating")
IMPLEMENTATION = ("new_start", "under_construction")
MARKS = ("satisfied", "basic", "unsatisfied")
SATISFIED = ("satisfied", "basic")
OVERDUE = ("dispatched", "in_progress", "returned")
PIPELINE = ("clue", "review", "negotiation", "signed", "started", "producing")
OPEN_STAGES = ("clue", "review", "negotiation")
SHOWN = 5  # red-list items the cockpit shows of each group
CENT = Decimal("0.01")


def run(statements: list[tuple[str, list]]) -> list:
    """Execute each statement and fetch every row."""
    out = []
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            out.append(cursor.fetchall())
    return out


def local_date(column: str) -> str:
    """The calendar date in Asia/Shanghai of a timestamp column."""
    if connection.vendor == "postgresql":
        return f"({column} AT TIME ZONE 'Asia/Shanghai')::date"
    return f"date({column}, '+8 hours')"


def days_between(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"({local_date(later)} - {local_date(earlier)})"
    return f"(julianday({local_date(later)}) - julianday({local_date(earlier)}))"


def moment(day: datetime.date) -> object:
    """Midnight of ``day`` in Asia/Shanghai, as the database compares timestamps."""
    value = datetime.datetime.combine(day, datetime.time(), tzinfo=TZ)
    return connection.ops.adapt_datetimefield_value(value)


def after(day: datetime.date) -> object:
    """The first moment after ``day``: "by the end of ``day``" is strictly before it."""
    return moment(day + datetime.timedelta(days=1))


def placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def money(value) -> Decimal:
    """A sum of 万元 (SQLite's sums come back as float)."""
    return Decimal(str(value or 0)).quantize(CENT)


def percent(part, whole, places: int = 2) -> Decimal | None:
    """part ÷ whole × 100, rounded half up (rixin.money.percent's rule)."""
    if part is None or not whole:
        return None
    from decimal import ROUND_HALF_UP

    ratio = Decimal(str(part)) * 100 / Decimal(str(whole))
    return ratio.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def month_of(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(MONTH FROM {column})::int"
    return f"CAST(strftime('%%m', {column}) AS INTEGER)"


def plan_months(alias: str, first: int, last: int) -> str:
    """The amount of a plan's monthly split for months ``first`` to ``last`` (1-12); NULL for
    a plan without a split, whose months are an even share of the year (``even_share``)."""
    if connection.vendor == "postgresql":
        items = [f"({alias}.monthly_plan->>{i})::numeric" for i in range(first - 1, last)]
    else:
        items = [f"json_extract({alias}.monthly_plan, '$[{i}]')" for i in range(first - 1, last)]
    return f"(CASE WHEN {has_split(alias)} THEN ({' + '.join(items)}) END)"


def has_split(alias: str) -> str:
    """The plan has a monthly split (a non-empty list of twelve amounts)."""
    length = "jsonb_array_length" if connection.vendor == "postgresql" else "json_array_length"
    return f"{length}({alias}.monthly_plan) > 0"


def even_share(planned, months: int) -> Decimal:
    """``months`` twelfths of a plan without a monthly split, added month by month as
    AnnualPlan.month_amounts gives them (Decimal, not the database's float)."""
    twelfth = Decimal(str(planned)) / 12
    return sum([twelfth] * months, Decimal(0))


def project_rules(county: str) -> tuple[int, float, float]:
    """The county's report due day and health margins (the defaults without a row)."""
    rows = run(
        [
            (
                "SELECT report_due_day, ahead_margin, behind_margin FROM projects_projectsettings "
                "WHERE county_id = %s",
                [county],
            )
        ]
    )[0]
    due, ahead, behind = rows[0] if rows else (5, 10, 10)
    return due, float(ahead), float(behind)


def expected_share(year: int, month: int, today: datetime.date | None = None) -> float:
    """The share of the year elapsed (%) at the end of the month, or today if earlier."""
    reference = min(last_day(year, month), today or datetime.date.today())
    if reference.year != year:
        return 100.0 if reference.year > year else 0.0
    days = 366 if calendar.isleap(year) else 365
    return reference.timetuple().tm_yday * 100.0 / days


def health_sql(done: str, plan: str) -> tuple[str, str, str]:
    """SQL conditions for 超前, 正常, 滞后 (parameters: expected + ahead, expected - behind)."""
    ratio = f"({done}) * 100.0 / {plan}"
    ahead = f"({plan} > 0 AND {ratio} >= %s)"
    behind = f"({plan} > 0 AND {ratio} < %s)"
    normal = f"({plan} > 0 AND {ratio} < %s AND {ratio} >= %s)"
    return ahead, normal, behind


def status_then(project: str, moment_param: str = "%s") -> str:
    """The status a project had before ``moment_param``: its latest status change by then."""
    return f"""(SELECT s.new_status FROM projects_statuschange s
        WHERE s.project_id = {project} AND s.at < {moment_param}
        ORDER BY s.at DESC, s.id DESC LIMIT 1)"""


def entered(project: str) -> str:
    """When a project entered the library: its first status change, else its creation."""
    return f"""COALESCE((SELECT s.at FROM projects_statuschange s WHERE s.project_id = {project}
        ORDER BY s.at, s.id LIMIT 1), {project.rsplit(".", 1)[0]}.created)"""


# ---------------------------------------------------------------- project library


def _progress_columns(month: int, alias: str = "p") -> str:
    """Year-to-date and since-start investment and the latest physical progress (the reports
    of the project's own county), the year's plan, its amount to the month."""
    return f"""
      (SELECT COALESCE(SUM(r.investment), 0) FROM projects_monthlyreport r
        WHERE r.project_id = {alias}.id AND r.county_id = {alias}.county_id
          AND r.year = %s AND r.month <= %s),
      (SELECT COALESCE(SUM(r.investment), 0) FROM projects_monthlyreport r
        WHERE r.project_id = {alias}.id AND r.county_id = {alias}.county_id
          AND (r.year < %s OR (r.year = %s AND r.month <= %s))),
      (SELECT r.physical_progress FROM projects_monthlyreport r
        WHERE r.project_id = {alias}.id AND r.county_id = {alias}.county_id
          AND r.physical_progress IS NOT NULL
          AND (r.year < %s OR (r.year = %s AND r.month <= %s))
        ORDER BY r.year DESC, r.month DESC LIMIT 1),
      ap.planned_investment, {plan_months("ap", 1, month)}"""


def _progress_params(year: int, month: int) -> list:
    return [year, month, year, year, month, year, year, month]


def _row_figures(row, month: int, expected: float, ahead: float, behind: float) -> dict:
    """A project's figures from its progress columns (the last five of ``row``)."""
    done, since, physical, plan, through = row[-5:]
    completion = float(done) * 100 / float(plan) if plan else None
    if not plan:
        health = None
    elif completion >= expected + ahead:
        health = "ahead"
    elif completion < expected - behind:
        health = "behind"
    else:
        health = "normal"
    return {
        "completed_this_year": money(done),
        "completed_since_start": money(since),
        "physical": None if physical is None else Decimal(str(physical)).quantize(Decimal("0.1")),
        "annual_plan": None if plan is None else money(plan),
        "planned_to_date": None
        if plan is None
        else (money(through) if through is not None else even_share(plan, month).quantize(CENT)),
        "health": health,
    }


def project_library(
    county: str, category: str, year: int, month: int, today: datetime.date | None = None
) -> dict:
    """The filtered library as of the month's end: its count and total investment, the first
    page of 50 rows with each project's figures, status then and health, and the filter
    form's choices."""
    end = last_day(year, month)
    where = f"p.county_id = %s AND p.category = %s AND {entered('p.id')} < %s"
    scope = [county, category, after(end)]
    _due, ahead, behind = project_rules(county)
    expected = expected_share(year, month, today)
    totals, rows, industries, parks, departments = run(
        [
            (
                f"SELECT COUNT(*), COALESCE(SUM(p.total_investment), 0) FROM projects_project p "
                f"WHERE {where}",
                scope,
            ),
            (
                f"""SELECT p.id, p.name, p.code, p.level,
                  COALESCE({status_then("p.id")}, p.status), d.name, i.name, pk.name,
                  {_progress_columns(month)}
                FROM projects_project p
                JOIN directory_department d ON d.id = p.department_id
                LEFT JOIN projects_industry i ON i.id = p.industry_id
                LEFT JOIN parks_park pk ON pk.id = p.park_id
                LEFT JOIN projects_annualplan ap ON ap.project_id = p.id AND ap.year = %s
                WHERE {where} ORDER BY p.total_investment DESC, p.id LIMIT 50""",
                [after(end), *_progress_params(year, month), year, *scope],
            ),
            ("SELECT id, name FROM projects_industry WHERE county_id = %s", [county]),
            ("SELECT id, name FROM parks_park WHERE county_id = %s", [county]),
            (
                "SELECT id, name FROM directory_department WHERE county_id = %s",
                [county],
            ),
        ]
    )
    return {
        "count": totals[0][0],
        "total_investment": money(totals[0][1]),
        "rows": [
            {"pk": r[0], "status": r[4], **_row_figures(r, month, expected, ahead, behind)}
            for r in rows
        ],
        "choices": (len(industries), len(parks), len(departments)),
    }


def project_page(
    county: str, project: int, year: int, month: int, today: datetime.date | None = None
) -> dict:
    """A project's page: the project with its figures and health, its reports, problems,
    milestones and status changes."""
    _due, ahead, behind = project_rules(county)
    expected = expected_share(year, month, today)
    head, reports, problems, milestones, changes = run(
        [
            (
                f"""SELECT p.id, p.name, d.name, i.name, v.name, {_progress_columns(month)}
                FROM projects_project p
                JOIN directory_department d ON d.id = p.department_id
                JOIN regions_division v ON v.code = p.county_id
                LEFT JOIN projects_industry i ON i.id = p.industry_id
                LEFT JOIN projects_annualplan ap ON ap.project_id = p.id AND ap.year = %s
                WHERE p.id = %s AND p.county_id = %s""",
                [*_progress_params(year, month), year, project, county],
            ),
            (
                """SELECT year, month, investment, physical_progress, progress_text, status,
                  submitted_at, reviewed_at FROM projects_monthlyreport
                WHERE project_id = %s ORDER BY year, month""",
                [project],
            ),
            (
                "SELECT description, status, raised_on FROM projects_problem WHERE project_id = %s",
                [project],
            ),
            (
                "SELECT name, type, due_date, status FROM projects_milestone WHERE project_id = %s",
                [project],
            ),
            (
                "SELECT old_status, new_status, at, reason FROM projects_statuschange "
                "WHERE project_id = %s",
                [project],
            ),
        ]
    )
    return {
        **_row_figures(head[0], month, expected, ahead, behind),
        "reports": len(reports),
        "problems": len(problems),
        "milestones": len(milestones),
        "status_changes": len(changes),
    }


# ---------------------------------------------------------------- investment KPIs


def _agreement_figures(group: str, scope: str, params: list, start, end, year: int) -> tuple:
    """Signed (in the period) and started (signed from 1 January to the period's end, the
    project 新开工 or later now) amounts and counts, grouped by ``group``."""
    in_period = "a.signed_on >= %s AND a.signed_on <= %s"
    in_year = "a.signed_on >= %s AND a.signed_on <= %s"
    started = f"{in_year} AND pr.status IN ({placeholders(STARTED)})"
    period_params, year_params = [start, end], [datetime.date(year, 1, 1), end]
    return (
        f"""SELECT {group},
          SUM(CASE WHEN {in_period} THEN a.amount ELSE 0 END),
          SUM(CASE WHEN {in_period} THEN 1 ELSE 0 END),
          SUM(CASE WHEN {in_year} THEN a.amount ELSE 0 END),
          SUM(CASE WHEN {in_year} THEN 1 ELSE 0 END),
          SUM(CASE WHEN {started} THEN a.amount ELSE 0 END),
          SUM(CASE WHEN {started} THEN 1 ELSE 0 END)
        FROM investment_agreement a LEFT JOIN projects_project pr ON pr.id = a.project_id
        WHERE {scope} GROUP BY {group}""",
        [
            *period_params,
            *period_params,
            *year_params,
            *year_params,
            *year_params,
            *STARTED,
            *year_params,
            *STARTED,
            *params,
        ],
    )


def _progress(row, target) -> dict:
    """A Progress of rixin.investment.kpis from a row of ``_agreement_figures``."""
    signed, count, year_amount, year_count, started_amount, started = row[1:7]
    signing_target, start_target = target if target else (None, None)
    exact = Decimal(int(started or 0)) * 100 / Decimal(int(year_count)) if year_count else None
    return {
        "signed_amount": money(signed),
        "signed_count": int(count or 0),
        "year_count": int(year_count or 0),
        "started_count": int(started or 0),
        "signing_rate": percent(money(signed), signing_target) if signing_target else None,
        "start_rate": percent(started or 0, year_count),
        "start_rate_completion": percent(exact, start_target) if start_target else None,
    }


def _funnel(county: str) -> tuple[str, list]:
    """How many leads ever reached each pipeline stage: their furthest stage changed to."""
    furthest = " ".join(f"WHEN '{stage}' THEN {i}" for i, stage in enumerate(PIPELINE))
    return (
        f"""SELECT furthest, COUNT(*) FROM (
          SELECT c.lead_id, MAX(CASE c.new {furthest} END) AS furthest
          FROM investment_leadstagechange c JOIN investment_lead l ON l.id = c.lead_id
          WHERE l.county_id = %s AND c.new IN ({placeholders(PIPELINE)}) GROUP BY c.lead_id
        ) f GROUP BY furthest""",
        [county, *PIPELINE],
    )


def _reached(rows) -> list[int]:
    counts = dict(rows)
    return [sum(n for index, n in counts.items() if index >= i) for i in range(len(PIPELINE))]


def investment_kpis(
    county: str, year: int, start: datetime.date | None = None, end: datetime.date | None = None
) -> dict:
    """The KPI page of a target period (the year by default): the county's and each team's
    signing and start figures against their targets, the month-by-month signing, the amounts
    by origin and industry, the funnel, the weighted pipeline and the reasons leads were lost."""
    start, end = start or datetime.date(year, 1, 1), end or datetime.date(year, 12, 31)
    period = "year" if (start.month, end.month) == (1, 12) else ("h1" if end.month <= 6 else "h2")
    in_period = "a.signed_on >= %s AND a.signed_on <= %s"
    figures, targets, teams, monthly, cities, industries, funnel, pipeline, lost, odds = run(
        [
            _agreement_figures("a.team_id", "a.county_id = %s", [county], start, end, year),
            (
                """SELECT team_id, signing_amount, start_rate FROM investment_target
                WHERE county_id = %s AND year = %s AND period = %s""",
                [county, year, period],
            ),
            ("SELECT id, name FROM investment_team WHERE county_id = %s", [county]),
            (
                f"""SELECT {month_of("a.signed_on")}, SUM(a.amount) FROM investment_agreement a
                WHERE a.county_id = %s AND {in_period} GROUP BY 1""",
                [county, start, end],
            ),
            *[
                (
                    f"""SELECT a.{column}, SUM(a.amount) FROM investment_agreement a
                    WHERE a.county_id = %s AND {in_period} GROUP BY a.{column} ORDER BY 2 DESC""",
                    [county, start, end],
                )
                for column in ("origin_city", "industry")
            ],
            _funnel(county),
            (
                f"""SELECT stage, COUNT(*), SUM(intended_investment) FROM investment_lead
                WHERE county_id = %s AND stage IN ({placeholders(OPEN_STAGES)}) GROUP BY stage""",
                [county, *OPEN_STAGES],
            ),
            (
                """SELECT r.name, COUNT(*) FROM investment_lead l
                LEFT JOIN investment_lostreason r ON r.id = l.lost_reason_id
                WHERE l.county_id = %s AND l.stage = 'terminated' GROUP BY r.name""",
                [county],
            ),
            (
                "SELECT probabilities FROM investment_pipelinesettings WHERE county_id = %s",
                [county],
            ),
        ]
    )
    target_of = {team: (amount, rate) for team, amount, rate in targets}
    total = [None] + [sum(row[i] or 0 for row in figures) for i in range(1, 7)]
    by_team = {row[0]: row for row in figures}
    months = dict(monthly)
    return {
        "total": _progress(total, target_of.get(None)),
        "teams": {
            team: _progress(by_team.get(team, [team, 0, 0, 0, 0, 0, 0]), target_of.get(team))
            for team, _name in teams
        },
        "monthly": [money(months.get(m)) for m in range(start.month, end.month + 1)],
        "by_city": {(c or "—"): money(t) for c, t in cities},
        "by_industry": {(i or "—"): money(t) for i, t in industries},
        "funnel": _reached(funnel),
        "pipeline": {stage: (n, money(amount)) for stage, n, amount in pipeline},
        "lost": {(name or "—"): n for name, n in lost},
        "settings": len(odds),
    }


# ---------------------------------------------------------------- department scorecard


def _day_number(column: str) -> str:
    """Days from Monday 1900-01-01 to a date column (``calendar.DayNumber``)."""
    if connection.vendor == "postgresql":
        return f"({column} - DATE '1900-01-01')"
    return f"CAST(julianday({column}) - 2415020.5 AS INTEGER)"


def _weekdays_to(number: str) -> str:
    """Monday-to-Friday days from 1900-01-01 up to and including the day ``number`` (``%%``:
    the statement is run with parameters)."""
    least = "LEAST" if connection.vendor == "postgresql" else "MIN"
    return f"(5 * (({number} + 1) / 7) + {least}(({number} + 1) %% 7, 5))"


def _ordinal(column: str, alias: str) -> str:
    """The working-day ordinal of a date column: its ``workcalendar_workday`` index (joined
    as ``alias``), and beyond the table Monday to Friday counted on from its ends (``b``)."""
    days = _weekdays_to(_day_number(column))
    return f"""COALESCE({alias}."index", CASE WHEN {column} > b.last
        THEN b.n + {days} - {_weekdays_to(_day_number("b.last"))}
        ELSE {days} - {_weekdays_to(_day_number("b.first") + " - 1")} END)"""


def _working_days(later: str) -> str:
    """Working days from 派单 to ``later`` (a date column of the dispatch ``d``)."""
    return f"""CASE WHEN d.{later} > d.dispatched_on THEN d.{later}_ord - d.dispatched_on_ord
        WHEN d.{later} IS NOT NULL THEN 0 END"""


def department_scorecard(county: str, start: datetime.date, end: datetime.date) -> list:
    """Per-department figures of the lead dispatches and of the appeals registered from
    ``start`` to ``end``, and the period's counts. Working days are differences of the
    calendar table's indexes between the local dates each dispatch stores, on the county's
    own calendar where it has one, else the national one, as the page counts them."""
    today = datetime.datetime.now(TZ).date()
    scope = (
        "p.county_id = %s AND p.kind = 'appeal' AND p.registered_at >= %s AND p.registered_at < %s"
    )
    scope_params = [county, moment(start), moment(end + datetime.timedelta(days=1))]
    (own,) = run([("SELECT COUNT(*) FROM workcalendar_workday WHERE county_id = %s", [county])])[0]
    calendar, calendar_params = (
        ("w.county_id = %s", [county]) if own[0] else ("w.county_id IS NULL", [])
    )
    joins, params = [], []
    for column in ("dispatched_on", "acknowledged_on", "answered_on"):
        alias = f"w_{column}"
        joins.append(
            f"LEFT JOIN workcalendar_workday {alias} ON {alias}.date = a.{column} AND "
            + calendar.replace("w.", f"{alias}.")
        )
        params += calendar_params
    ordinals = ", ".join(
        f"{_ordinal('a.' + c, 'w_' + c)} AS {c}_ord"
        for c in ("dispatched_on", "acknowledged_on", "answered_on")
    )
    bounds = f"""(SELECT COALESCE(MIN(w.date), '2000-01-03') AS first,
        COALESCE(MAX(w.date), '2000-01-03') AS last, COALESCE(MAX(w."index"), 1) AS n
        FROM workcalendar_workday w WHERE {calendar}) b"""
    if connection.vendor == "postgresql":
        bounds = bounds.replace("'2000-01-03'", "DATE '2000-01-03'")
    kept = "d.returned_at IS NULL AND NOT (d.ended_at IS NOT NULL AND d.answered_at IS NULL)"
    due = f"{kept} AND (d.answered_at IS NOT NULL OR d.deadline < %s)"
    ack_days, answer_days = _working_days("acknowledged_on"), _working_days("answered_on")
    marks = placeholders(MARKS)
    return run(
        [
            (
                f"""SELECT d.department_id,
                  SUM(d.extensions),
                  SUM(CASE WHEN d.returned_at IS NOT NULL THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {kept} THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {kept} AND ({ack_days}) <= 1 THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {due} THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {due} AND d.answered_on <= d.deadline THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {kept} THEN {ack_days} END),
                  COUNT(CASE WHEN {kept} THEN {ack_days} END),
                  SUM(CASE WHEN {kept} THEN {answer_days} END),
                  COUNT(CASE WHEN {kept} THEN {answer_days} END)
                FROM (
                  SELECT a.department_id, a.returned_at, a.ended_at, a.answered_at, a.deadline,
                    a.dispatched_on, a.acknowledged_on, a.answered_on, {ordinals},
                    (SELECT COUNT(*) FROM appeals_extension e
                      WHERE e.assignment_id = a.id AND e.decision = 'granted') AS extensions
                  FROM appeals_assignment a JOIN appeals_appeal p ON p.id = a.appeal_id
                  {" ".join(joins)} CROSS JOIN {bounds}
                  WHERE {scope} AND a.role = 'lead'
                ) d GROUP BY d.department_id""",
                [today, today, *params, *calendar_params, *scope_params],
            ),
            (
                f"""SELECT p.lead_department_id,
                  SUM(CASE WHEN p.master_id IS NULL
                      AND (p.answered_at IS NOT NULL OR p.reopen_count > 0) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.master_id IS NULL AND p.reopen_count > 0 THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction IN ({marks}) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction IN ({marks}) AND p.mark_source = 'phone'
                      THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction IN ({marks}) AND p.resolution = 'resolved'
                      THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END)
                FROM appeals_appeal p
                WHERE {scope} AND p.lead_department_id IS NOT NULL GROUP BY p.lead_department_id""",
                [*MARKS, *MARKS, *MARKS, *scope_params],
            ),
            (
                f"""SELECT COUNT(*),
                  SUM(CASE WHEN p.status = 'closed' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.status IN ('dispatched', 'in_progress', 'returned')
                      AND p.deadline < %s THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction IN ({marks}) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction = 'unrated' THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.reopen_count > 0 THEN 1 ELSE 0 END)
                FROM appeals_appeal p WHERE {scope}""",
                [today, *MARKS, *scope_params],
            ),
            ("SELECT id, name FROM directory_department WHERE county_id = %s", [county]),
            ("SELECT * FROM appeals_appealpolicy WHERE county_id = %s", [county]),
        ]
    )


# ---------------------------------------------------------------- the cockpit


def _city_codes(city: str) -> list[str]:
    return [
        row[0]
        for row in run(
            [
                (
                    "SELECT code FROM regions_division WHERE parent_id = %s AND level = 'county' "
                    "ORDER BY code",
                    [city],
                )
            ]
        )[0]
    ]


def _indicator_ranks(codes: list[str], year: int, month: int) -> tuple[str, list]:
    """The published rates of the counties in the period, each with its rank among the
    counties that published it (1 + those better; ties share a rank), whether it is tied and
    how many published; and the ranks in each indicator's latest earlier period."""
    counties = placeholders(codes)
    ranked = f"""SELECT o.county_id, o.indicator_id, i.is_ranked, o.rate, o.year, o.month,
          RANK() OVER (PARTITION BY o.indicator_id, o.year, o.month
            ORDER BY CASE WHEN i.higher_is_better THEN -o.rate ELSE o.rate END),
          COUNT(*) OVER (PARTITION BY o.indicator_id, o.year, o.month, o.rate),
          COUNT(*) OVER (PARTITION BY o.indicator_id, o.year, o.month)
        FROM indicators_observation o JOIN indicators_indicator i ON i.id = o.indicator_id
        WHERE o.county_id IN ({counties}) AND o.status = 'published' AND o.rate IS NOT NULL"""
    latest_before = f"""SELECT MAX(e.year * 100 + e.month) FROM indicators_observation e
          WHERE e.indicator_id = o.indicator_id AND e.county_id IN ({counties})
            AND e.status = 'published' AND (e.year < %s OR (e.year = %s AND e.month < %s))"""
    return (
        f"""{ranked} AND (o.year = %s AND o.month = %s
            OR o.year * 100 + o.month = ({latest_before}))""",
        [*codes, year, month, *codes, year, year, month],
    )


def _indicator_figures(rows, county: str, year: int, month: int, counties: int) -> dict:
    """{indicator id: (value, rate, rank, tied, of, change)} of ``county`` in the period."""
    now = {(c, i): r for c, i, *r in rows if (r[2], r[3]) == (year, month)}
    before = {(c, i): r for c, i, *r in rows if (r[2], r[3]) != (year, month)}
    figures = {}
    for (code, indicator), (is_ranked, rate, _y, _m, rank, same, of) in now.items():
        if code != county:
            continue
        previous = before.get((code, indicator))
        figures[indicator] = {"rate": Decimal(str(rate)).quantize(Decimal("0.1"))}
        if is_ranked:
            figures[indicator] |= {
                "rank": rank,
                "tied": same > 1,
                "of": of,
                "city_rank": rank if of >= counties else None,
                "change": previous[4] - rank if previous else None,
            }
    return figures


def _library(county: str, end: datetime.date) -> str:
    """The county's projects in the library by the end of ``end`` (a first status change
    before it), each with the status it had then. Parameters: ``_library_params``."""
    return f"""SELECT p.id, p.name, p.category, p.total_investment,
          {status_then("p.id")} AS status_then
        FROM projects_project p
        WHERE p.county_id = %s AND EXISTS (SELECT 1 FROM projects_statuschange s
          WHERE s.project_id = p.id AND s.at < %s)"""


def _library_params(county: str, end: datetime.date) -> list:
    return [after(end), county, after(end)]


def _project_card(county: str, year: int, month: int, end: datetime.date, today) -> list:
    """The library at the period's end by category: count, total investment, the year's plan
    and what was done up to the month, health counts, 开工率/竣工率 counts; the behind
    projects (count and the five furthest behind); the monthly plan split and the reports."""
    _due, ahead_margin, behind_margin = project_rules(county)
    expected = expected_share(year, month, today)
    ahead, normal, behind = health_sql("COALESCE(y.done, 0)", "ap.planned_investment")
    health_params = [
        expected + ahead_margin,
        expected + ahead_margin,
        expected - behind_margin,
        expected - behind_margin,
    ]
    table = f"""FROM ({_library(county, end)}) lib
        LEFT JOIN projects_annualplan ap ON ap.project_id = lib.id AND ap.year = %s
        LEFT JOIN (SELECT r.project_id, SUM(r.investment) AS done FROM projects_monthlyreport r
          WHERE r.county_id = %s AND r.year = %s AND r.month <= %s GROUP BY r.project_id) y
          ON y.project_id = lib.id"""
    table_params = [*_library_params(county, end), year, county, year, month]
    started, finished = placeholders(STARTED), placeholders(FINISHED)
    months = ", ".join(f"SUM({plan_months('ap', m, m)})" for m in range(1, 13))
    months += f", SUM(CASE WHEN {has_split('ap')} THEN 0 ELSE ap.planned_investment END)"
    lag = "%s - COALESCE(y.done, 0) * 100.0 / ap.planned_investment"
    return [
        (
            f"""SELECT lib.category, COUNT(*), SUM(lib.total_investment),
              SUM(ap.planned_investment), SUM(COALESCE(y.done, 0)),
              SUM(CASE WHEN {ahead} THEN 1 ELSE 0 END),
              SUM(CASE WHEN {normal} THEN 1 ELSE 0 END),
              SUM(CASE WHEN {behind} THEN 1 ELSE 0 END),
              SUM(CASE WHEN ap.plans_start THEN 1 ELSE 0 END),
              SUM(CASE WHEN ap.plans_start AND lib.status_then IN ({started}) THEN 1 ELSE 0 END),
              SUM(CASE WHEN ap.plans_completion THEN 1 ELSE 0 END),
              SUM(CASE WHEN ap.plans_completion AND lib.status_then IN ({finished})
                  THEN 1 ELSE 0 END),
              {months}
            {table} GROUP BY lib.category""",
            [*health_params, *STARTED, *FINISHED, *table_params],
        ),
        (
            f"""SELECT lib.id, lib.name, COUNT(*) OVER () {table}
            WHERE {behind} ORDER BY {lag} DESC, lib.total_investment DESC, lib.id
            LIMIT {SHOWN}""",
            [*table_params, expected - behind_margin, expected],
        ),
        (
            """SELECT r.month, SUM(r.investment) FROM projects_monthlyreport r
            WHERE r.county_id = %s AND r.year = %s AND r.month <= %s GROUP BY r.month""",
            [county, year, month],
        ),
    ]


def _appeal_summary(scope: str, params: list, today: datetime.date, group: str = "") -> tuple:
    """The counts of rixin.appeals.scorecards.summarize: total, closed, open, overdue (as of
    ``today``), marked, satisfied, resolved."""
    marks, satisfied = placeholders(MARKS), placeholders(SATISFIED)
    select = f"{group}, " if group else ""
    return (
        f"""SELECT {select}COUNT(*),
          SUM(CASE WHEN p.status = 'closed' THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.status <> 'closed' THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.status IN ({placeholders(OVERDUE)}) AND p.deadline < %s
              THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.satisfaction IN ({marks}) THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.satisfaction IN ({satisfied}) THEN 1 ELSE 0 END),
          SUM(CASE WHEN p.satisfaction IN ({marks}) AND p.resolution = 'resolved'
              THEN 1 ELSE 0 END)
        FROM appeals_appeal p WHERE {scope} {"GROUP BY " + group if group else ""}""",
        [*OVERDUE, today, *MARKS, *SATISFIED, *MARKS, *params],
    )


def _appeal_scope(counties: list[str], start: datetime.date, end: datetime.date) -> tuple:
    return (
        f"p.county_id IN ({placeholders(counties)}) AND p.kind = 'appeal' "
        "AND p.registered_at >= %s AND p.registered_at < %s",
        [*counties, moment(start), after(end)],
    )


def _summary(row) -> dict:
    total, closed, open_, overdue, marked, satisfied, resolved = (int(v or 0) for v in row)
    return {
        "total": total,
        "closed": closed,
        "open": open_,
        "overdue": overdue,
        "marked": marked,
        "satisfied": satisfied,
        "satisfaction_rate": percent(satisfied, marked, 1),
        "resolution_rate": percent(resolved, marked, 1),
    }


def _red_list(county: str, year: int, month: int, as_of: datetime.date, months: int) -> list:
    """What is late at ``as_of`` (the period's end, or today): overdue milestones, owed
    reports of the period's last month, overdue appeals, agreements not started ``months``
    after signing; each counted and its first five fetched, in the page's order. (The behind
    projects come with the project card.)"""
    month_start, month_end = datetime.date(year, month, 1), last_day(year, month)
    library = """SELECT p.id FROM projects_project p WHERE p.county_id = %s AND EXISTS (
        SELECT 1 FROM projects_statuschange s WHERE s.project_id = p.id AND s.at < %s)"""
    work = placeholders(IMPLEMENTATION)
    owing = f"""FROM projects_project p JOIN directory_department d ON d.id = p.department_id
        WHERE p.county_id = %s
          AND EXISTS (SELECT 1 FROM projects_statuschange s
            WHERE s.project_id = p.id AND s.at < %s)
          AND {status_then("p.id")} <> 'terminated'
          AND {entered("p.id")} < %s
          AND ({status_then("p.id")} IN ({work}) OR EXISTS (
            SELECT 1 FROM projects_statuschange s WHERE s.project_id = p.id
              AND s.at >= %s AND s.at < %s AND s.new_status IN ({work})))
          AND NOT EXISTS (SELECT 1 FROM projects_monthlyreport r WHERE r.project_id = p.id
            AND r.year = %s AND r.month = %s AND r.status <> 'returned')"""
    appeal_status = """(SELECT t.new_status FROM appeals_transition t
        WHERE t.appeal_id = a.id AND t.at < %s ORDER BY t.at DESC, t.id DESC LIMIT 1)"""
    return [
        (
            f"""SELECT m.project_id, p.name, m.name, m.due_date, COUNT(*) OVER ()
            FROM projects_milestone m JOIN projects_project p ON p.id = m.project_id
            WHERE m.county_id = %s AND m.due_date < %s AND m.project_id IN ({library})
              AND (m.status = 'scheduled' OR m.met_on > %s)
            ORDER BY m.due_date, m.id LIMIT {SHOWN}""",
            [county, as_of, county, after(as_of), as_of],
        ),
        (
            f"""SELECT p.id, p.name, d.name, EXISTS (SELECT 1 FROM projects_monthlyreport r
                WHERE r.project_id = p.id AND r.year = %s AND r.month = %s
                  AND r.status = 'returned'), COUNT(*) OVER ()
            {owing} ORDER BY d.name, p.name, p.id LIMIT {SHOWN}""",
            [
                year,
                month,
                county,
                after(month_end),
                after(month_end),
                after(month_end),
                moment(month_start),
                *IMPLEMENTATION,
                moment(month_start),
                after(month_end),
                *IMPLEMENTATION,
                year,
                month,
            ],
        ),
        (
            f"""SELECT a.id, a.number, a.title, d.name, a.deadline, COUNT(*) OVER ()
            FROM appeals_appeal a LEFT JOIN directory_department d ON d.id = a.lead_department_id
            WHERE a.county_id = %s AND a.deadline < %s
              AND {appeal_status} IN ({placeholders(OVERDUE)})
            ORDER BY a.deadline, a.id LIMIT {SHOWN}""",
            [county, as_of, after(as_of), *OVERDUE],
        ),
        (
            f"""SELECT a.id, a.project_name, a.signed_on, a.amount, COUNT(*) OVER ()
            FROM investment_agreement a
            WHERE a.county_id = %s AND a.signed_on <= %s
              AND (a.project_id IS NULL OR COALESCE({status_then("a.project_id")}, '')
                NOT IN ({placeholders(STARTED)}))
            ORDER BY a.signed_on, a.id LIMIT {SHOWN}""",
            [county, months_before(as_of, months), after(as_of), *STARTED],
        ),
    ]


def _counted(rows) -> tuple[int, list]:
    """(count, the ids of the rows shown) of a red-list group: the count is the last column."""
    return (rows[0][-1] if rows else 0), [row[0] for row in rows]


def county_cockpit(
    county: str,
    city: str,
    start: datetime.date,
    end: datetime.date,
    months: int = 6,
    today: datetime.date | None = None,
) -> dict:
    """The county's headline figures of the period from ``start`` to ``end``: the indicators
    with their city ranks and changes, the investment card and funnel, the project card
    (开工率/竣工率 counts, health counts) and its monthly plan split against the reports,
    the appeals of the period and of its last month, the departments' scorecard and the red
    list as of the period's end (or today). Not computed: the other modules' cards and the
    map panel (about a tenth of the page's queries, each a small indexed read)."""
    today = today or datetime.date.today()
    year, month = end.year, end.month
    as_of = min(end, today)
    codes = _city_codes(city)
    period = "year" if (start.month, month) == (1, 12) else ("h1" if month <= 6 else "h2")
    target_start = datetime.date(year, 7 if period == "h2" else 1, 1)
    target_end = datetime.date(year, 6, 30) if period == "h1" else datetime.date(year, 12, 31)
    scope, scope_params = _appeal_scope([county], start, end)
    month_scope, month_params = _appeal_scope([county], datetime.date(year, month, 1), end)
    (
        indicators,
        categories,
        behind,
        reported,
        whole,
        last,
        agreements,
        targets,
        funnel,
        milestones,
        reports,
        appeals,
        unstarted,
    ) = run(
        [
            _indicator_ranks(codes, year, month),
            *_project_card(county, year, month, end, today),
            _appeal_summary(scope, scope_params, today),
            _appeal_summary(month_scope, month_params, today),
            _agreement_figures(
                "a.county_id", "a.county_id = %s", [county], target_start, target_end, year
            ),
            (
                """SELECT signing_amount, start_rate FROM investment_target
                WHERE county_id = %s AND team_id IS NULL AND year = %s AND period = %s""",
                [county, year, period],
            ),
            _funnel(county),
            *_red_list(county, year, month, as_of, months),
        ]
    )
    even = sum((Decimal(str(row[24] or 0)) for row in categories), Decimal(0))
    planned = [
        sum((Decimal(str(row[12 + m] or 0)) for row in categories), Decimal(0)) + even / 12
        for m in range(12)
    ]
    actual = dict(reported)
    by_category = {
        row[0]: {"count": row[1], "total_investment": money(row[2])} for row in categories
    }
    sums = [sum((row[i] or 0) for row in categories) for i in range(1, 12)]
    return {
        "indicators": _indicator_figures(indicators, county, year, month, len(codes)),
        "projects": {
            "count": int(sums[0]),
            "total_investment": money(sums[1]),
            "annual_plan": money(sums[2]),
            "completed_this_year": money(sums[3]),
            "ahead": int(sums[4]),
            "normal": int(sums[5]),
            "behind": int(sums[6]),
            "planned_start": int(sums[7]),
            "started": int(sums[8]),
            "planned_completion": int(sums[9]),
            "finished": int(sums[10]),
            "by_category": by_category,
        },
        "monthly": [
            (money(planned[m - 1]), money(actual.get(m)) if m <= month else None)
            for m in range(1, 13)
        ],
        "appeals": _summary(whole[0]),
        "month_appeals": _summary(last[0]),
        "investment": _progress(agreements[0], targets[0] if targets else None)
        if agreements
        else _progress([None, 0, 0, 0, 0, 0, 0], targets[0] if targets else None),
        "funnel": _reached(funnel),
        "red": {
            "behind": _counted(behind),
            "milestones": _counted(milestones),
            "reports": _counted(reports),
            "appeals": _counted(appeals),
            "agreements": _counted(unstarted),
        },
        "departments": department_scorecard(county, start, end),
    }


def city_view(city: str, start: datetime.date, end: datetime.date, today=None) -> dict:
    """Each county of the city side by side: indicator rates and ranks, the library at the
    period's end (count, total investment), signing against target and start rate, appeals
    and 满意率."""
    today = today or datetime.date.today()
    codes = _city_codes(city)
    counties = placeholders(codes)
    year, month = end.year, end.month
    period = "year" if (start.month, month) == (1, 12) else ("h1" if month <= 6 else "h2")
    target_start = datetime.date(year, 1 if period != "h2" else 7, 1)
    target_end = datetime.date(year, 6, 30) if period == "h1" else datetime.date(year, 12, 31)
    scope, scope_params = _appeal_scope(codes, start, end)
    names, indicators, projects, agreements, targets, appeals = run(
        [
            (
                f"SELECT code, name FROM regions_division WHERE code IN ({counties}) ORDER BY code",
                codes,
            ),
            _indicator_ranks(codes, year, month),
            (
                f"""SELECT p.county_id, COUNT(*), SUM(p.total_investment) FROM projects_project p
                WHERE p.county_id IN ({counties}) AND EXISTS (SELECT 1 FROM projects_statuschange s
                  WHERE s.project_id = p.id AND s.at < %s) GROUP BY p.county_id""",
                [*codes, after(end)],
            ),
            _agreement_figures(
                "a.county_id",
                f"a.county_id IN ({counties})",
                codes,
                target_start,
                target_end,
                year,
            ),
            (
                f"""SELECT county_id, signing_amount, start_rate FROM investment_target
                WHERE county_id IN ({counties}) AND team_id IS NULL AND year = %s
                  AND period = %s""",
                [*codes, year, period],
            ),
            _appeal_summary(scope, scope_params, today, group="p.county_id"),
        ]
    )
    target_of = {code: (amount, rate) for code, amount, rate in targets}
    progress = {row[0]: _progress(row, target_of.get(row[0])) for row in agreements}
    for code in target_of:
        progress.setdefault(code, _progress([code, 0, 0, 0, 0, 0, 0], target_of[code]))
    library = {code: (count, money(amount)) for code, count, amount in projects}
    summaries = {row[0]: _summary(row[1:]) for row in appeals}
    return {
        code: {
            "name": name,
            "indicators": _indicator_figures(indicators, code, year, month, len(codes)),
            "project_count": library.get(code, (None, None))[0],
            "project_investment": library.get(code, (None, None))[1],
            "signed_amount": progress[code]["signed_amount"] if code in progress else None,
            "signing_rate": progress[code]["signing_rate"] if code in progress else None,
            "start_rate": progress[code]["start_rate"] if code in progress else None,
            "appeals": summaries[code]["total"] if code in summaries else None,
            "satisfaction_rate": (
                summaries[code]["satisfaction_rate"] if code in summaries else None
            ),
        }
        for code, name in names
    }
