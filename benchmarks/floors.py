"""The floor of each benchmarked page: hand-written SQL that computes the page's numbers on
the same database, with nothing else (no ORM, no Python beyond fetching, no template).

A page's time divided by its floor's time says how much the page spends on top of the
database work its figures need. Each floor returns its rows so that the run reads them all.
Where SQL cannot say it the way the page does (working days, which need the holiday
calendar), the floor counts calendar days and says so: it then does slightly less than the
page, as a floor should.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.db import connection

TZ = ZoneInfo("Asia/Shanghai")
STARTED = ("new_start", "under_construction", "completed", "operating")
MARKS = ("satisfied", "basic", "unsatisfied")


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


def placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


# ---------------------------------------------------------------- project library


def _progress_columns(alias: str = "p") -> str:
    """Year-to-date and since-start investment and the latest physical progress."""
    return f"""
      (SELECT COALESCE(SUM(r.investment), 0) FROM projects_monthlyreport r
        WHERE r.project_id = {alias}.id AND r.year = %s AND r.month <= %s),
      (SELECT COALESCE(SUM(r.investment), 0) FROM projects_monthlyreport r
        WHERE r.project_id = {alias}.id AND (r.year < %s OR (r.year = %s AND r.month <= %s))),
      (SELECT r.physical_progress FROM projects_monthlyreport r
        WHERE r.project_id = {alias}.id AND r.physical_progress IS NOT NULL
          AND (r.year < %s OR (r.year = %s AND r.month <= %s))
        ORDER BY r.year DESC, r.month DESC LIMIT 1),
      ap.planned_investment, ap.monthly_plan"""


def _progress_params(year: int, month: int) -> list:
    return [year, month, year, year, month, year, year, month]


def project_library(county: str, category: str, year: int, month: int) -> list:
    where = "p.county_id = %s AND p.category = %s"
    return run(
        [
            (
                f"SELECT COUNT(*), COALESCE(SUM(p.total_investment), 0) FROM projects_project p WHERE {where}",
                [county, category],
            ),
            (
                f"""SELECT p.id, p.name, p.code, p.status, p.level, p.total_investment,
                  d.name, i.name, {_progress_columns()}
                FROM projects_project p
                JOIN directory_department d ON d.id = p.department_id
                LEFT JOIN projects_industry i ON i.id = p.industry_id
                LEFT JOIN projects_annualplan ap ON ap.project_id = p.id AND ap.year = %s
                WHERE {where} ORDER BY p.total_investment DESC, p.id LIMIT 50""",
                [*_progress_params(year, month), year, county, category],
            ),
            ("SELECT id, name FROM projects_industry WHERE county_id = %s", [county]),
            ("SELECT id, name FROM parks_park WHERE county_id = %s", [county]),
            (
                """SELECT DISTINCT d.id, d.name FROM directory_department d
                JOIN projects_project p ON p.department_id = d.id WHERE d.county_id = %s""",
                [county],
            ),
            (
                "SELECT report_due_day, ahead_margin, behind_margin FROM projects_projectsettings WHERE county_id = %s",
                [county],
            ),
        ]
    )


def project_page(county: str, project: int, year: int, month: int) -> list:
    return run(
        [
            (
                f"""SELECT p.*, d.name, i.name, v.name, {_progress_columns()}
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
                "SELECT old_status, new_status, at, reason FROM projects_statuschange WHERE project_id = %s",
                [project],
            ),
            (
                "SELECT report_due_day, ahead_margin, behind_margin FROM projects_projectsettings WHERE county_id = %s",
                [county],
            ),
        ]
    )


# ---------------------------------------------------------------- investment KPIs


def investment_kpis(county: str, year: int) -> list:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    in_period = "a.signed_on >= %s AND a.signed_on <= %s"
    started = f"{in_period} AND pr.status IN ({placeholders(STARTED)})"
    period_params = [start, end]
    return run(
        [
            (
                f"""SELECT a.team_id,
                  SUM(CASE WHEN {in_period} THEN a.amount ELSE 0 END),
                  SUM(CASE WHEN {in_period} THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {started} THEN a.amount ELSE 0 END),
                  SUM(CASE WHEN {started} THEN 1 ELSE 0 END)
                FROM investment_agreement a LEFT JOIN projects_project pr ON pr.id = a.project_id
                WHERE a.county_id = %s GROUP BY a.team_id""",
                [
                    *period_params,
                    *period_params,
                    *period_params,
                    *STARTED,
                    *period_params,
                    *STARTED,
                    county,
                ],
            ),
            (
                """SELECT team_id, signing_amount, signed_projects, start_rate FROM investment_target
                WHERE county_id = %s AND year = %s AND period = 'year'""",
                [county, year],
            ),
            ("SELECT id, name FROM investment_team WHERE county_id = %s", [county]),
            (
                f"""SELECT a.signed_on, SUM(a.amount) FROM investment_agreement a
                WHERE a.county_id = %s AND {in_period} GROUP BY a.signed_on""",
                [county, *period_params],
            ),
            *[
                (
                    f"""SELECT a.{column}, SUM(a.amount) FROM investment_agreement a
                    WHERE a.county_id = %s AND {in_period} GROUP BY a.{column} ORDER BY 2 DESC""",
                    [county, *period_params],
                )
                for column in ("origin_city", "industry")
            ],
            (
                """SELECT c.new, COUNT(DISTINCT c.lead_id) FROM investment_leadstagechange c
                JOIN investment_lead l ON l.id = c.lead_id WHERE l.county_id = %s GROUP BY c.new""",
                [county],
            ),
            (
                """SELECT stage, COUNT(*), SUM(intended_investment) FROM investment_lead
                WHERE county_id = %s AND stage IN ('clue', 'review', 'negotiation') GROUP BY stage""",
                [county],
            ),
            (
                "SELECT probabilities FROM investment_pipelinesettings WHERE county_id = %s",
                [county],
            ),
            ("SELECT code, name FROM regions_division WHERE code = %s", [county]),
        ]
    )


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
        for row in run([("SELECT code FROM regions_division WHERE parent_id = %s", [city])])[0]
    ]


def _indicators(codes: list[str], year: int, month: int) -> list[tuple[str, list]]:
    """The period's published rates of the counties, and the previous quarter's for the
    change of rank."""
    previous = (year, month - 3) if month > 3 else (year - 1, 12)
    return [
        (
            f"""SELECT o.county_id, o.indicator_id, o.value, o.rate FROM indicators_observation o
            WHERE o.county_id IN ({placeholders(codes)}) AND o.year = %s AND o.month = %s
              AND o.status = 'published'""",
            [*codes, y, m],
        )
        for y, m in ((year, month), previous)
    ] + [("SELECT id, code, name, unit, is_ranked, higher_is_better FROM indicators_indicator", [])]


def county_cockpit(county: str, city: str, year: int, month: int) -> list:
    """The county's headline figures of the period: indicators with the city's ranks, the
    investment KPIs, the library's totals by category and month, the appeal figures and the
    red list (behind projects, overdue milestones, owed reports, overdue appeals, agreements
    not started a year after signing)."""
    today = datetime.date.today()
    ytd = """LEFT JOIN (SELECT r.project_id, SUM(r.investment) AS done FROM projects_monthlyreport r
              WHERE r.county_id = %s AND r.year = %s AND r.month <= %s GROUP BY r.project_id) y
              ON y.project_id = p.id
            LEFT JOIN projects_annualplan ap ON ap.project_id = p.id AND ap.year = %s"""
    ytd_params = [county, year, month, year]
    started = placeholders(STARTED)
    figures = run(
        [
            *_indicators(_city_codes(city), year, month),
            (
                f"""SELECT p.category, COUNT(*), SUM(p.total_investment),
                  SUM(ap.planned_investment), SUM(y.done)
                FROM projects_project p {ytd} WHERE p.county_id = %s GROUP BY p.category""",
                [*ytd_params, county],
            ),
            (
                f"""SELECT p.id, p.name FROM projects_project p {ytd}
                WHERE p.county_id = %s AND ap.planned_investment > 0
                  AND COALESCE(y.done, 0) * 100 < ap.planned_investment * (100 - 10)""",
                [*ytd_params, county],
            ),
            (
                """SELECT r.month, SUM(r.investment) FROM projects_monthlyreport r
                WHERE r.county_id = %s AND r.year = %s GROUP BY r.month""",
                [county, year],
            ),
            (
                """SELECT SUM(planned_investment) FROM projects_annualplan
                WHERE county_id = %s AND year = %s""",
                [county, year],
            ),
            (
                """SELECT id, name, due_date FROM projects_milestone
                WHERE county_id = %s AND status = 'scheduled' AND due_date < %s""",
                [county, today],
            ),
            (
                f"""SELECT p.id, p.name FROM projects_project p
                WHERE p.county_id = %s AND p.status IN ({started}) AND NOT EXISTS (
                  SELECT 1 FROM projects_monthlyreport r
                  WHERE r.project_id = p.id AND r.year = %s AND r.month = %s)""",
                [county, *STARTED, year, month],
            ),
            (
                """SELECT id, number, title, deadline FROM appeals_appeal
                WHERE county_id = %s AND status IN ('dispatched', 'in_progress', 'returned')
                  AND deadline < %s""",
                [county, today],
            ),
            (
                f"""SELECT a.id, a.project_name FROM investment_agreement a
                LEFT JOIN projects_project pr ON pr.id = a.project_id
                WHERE a.county_id = %s AND a.signed_on <= %s
                  AND (pr.id IS NULL OR pr.status NOT IN ({started}))""",
                [county, today - datetime.timedelta(days=365), *STARTED],
            ),
        ]
    )
    return [
        figures,
        investment_kpis(county, year),
        department_scorecard(county, datetime.date(year, 1, 1), datetime.date(year, 12, 31)),
    ]


def city_view(city: str, year: int, month: int) -> list:
    """Each county of the city side by side: indicator rates and ranks, projects, signing
    against target and start rate, appeals and 满意率."""
    codes = _city_codes(city)
    counties = placeholders(codes)
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    signed = "a.signed_on >= %s AND a.signed_on <= %s"
    return run(
        [
            (
                f"SELECT code, name FROM regions_division WHERE code IN ({counties}) ORDER BY code",
                codes,
            ),
            *_indicators(codes, year, month),
            (
                f"""SELECT county_id, COUNT(*), SUM(total_investment) FROM projects_project
                WHERE county_id IN ({counties}) GROUP BY county_id""",
                codes,
            ),
            (
                f"""SELECT a.county_id,
                  SUM(CASE WHEN {signed} THEN a.amount ELSE 0 END),
                  SUM(CASE WHEN {signed} THEN 1 ELSE 0 END),
                  SUM(CASE WHEN {signed} AND pr.status IN ({placeholders(STARTED)})
                      THEN 1 ELSE 0 END)
                FROM investment_agreement a LEFT JOIN projects_project pr ON pr.id = a.project_id
                WHERE a.county_id IN ({counties}) GROUP BY a.county_id""",
                [start, end, start, end, start, end, *STARTED, *codes],
            ),
            (
                f"""SELECT county_id, signing_amount, start_rate FROM investment_target
                WHERE county_id IN ({counties}) AND team_id IS NULL AND year = %s
                  AND period = 'year'""",
                [*codes, year],
            ),
            (
                f"""SELECT p.county_id, COUNT(*),
                  SUM(CASE WHEN p.satisfaction IN ({placeholders(MARKS)}) THEN 1 ELSE 0 END),
                  SUM(CASE WHEN p.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END)
                FROM appeals_appeal p
                WHERE p.county_id IN ({counties}) AND p.kind = 'appeal'
                  AND p.registered_at >= %s AND p.registered_at < %s GROUP BY p.county_id""",
                [*MARKS, *codes, moment(start), moment(end + datetime.timedelta(days=1))],
            ),
        ]
    )
