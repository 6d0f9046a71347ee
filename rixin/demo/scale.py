"""A province-sized illustrative data set for benchmarks and growth runs (issue 8).

Everything here is invented and marked illustrative: the divisions beyond the real Jinzhong
counties, and every department, project, report, lead, appeal and figure. It is written with
bulk inserts straight into the tables (``bulk_create`` for the few rows others point at, and
for the millions of rows ``Table``: the model's own INSERT with ``executemany`` on SQLite and
COPY on PostgreSQL), not through the actions: the audit rule "every write through an action"
is for people's work; a synthetic benchmark data set has no actor, and writing millions of
rows one by one through the actions would take hours.

Each county's rows come from a random generator seeded with the seed and the county code, so a
county gets the same rows whether it is generated alone or with a hundred others, and a run
that adds counties to an existing data set leaves the counties already there alone.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection, models, transaction
from django.utils import timezone
from stdnum.cn import uscc

from rixin import figurecache
from rixin.appeals.choices import (
    APPEAL_CHANNELS,
    COMPLAINT_CHANNELS,
    AppealKind,
    AssignmentRole,
    Resolution,
    Satisfaction,
    Status,
    Step,
)
from rixin.appeals.models import Appeal, Assignment, Category, Transition
from rixin.demo.appeals import CATEGORIES
from rixin.demo.codes import _org_check, illustrative_location
from rixin.directory.choices import DepartmentKind
from rixin.directory.models import Department, Enterprise
from rixin.indicators.catalogue import ensure_standard_catalogue
from rixin.indicators.models import Indicator, Observation
from rixin.indicators.models import Target as GrowthTarget
from rixin.investment.choices import (
    PIPELINE,
    ActivityKind,
    AgreementKind,
    LeadSource,
    Stage,
    TargetPeriod,
)
from rixin.investment.models import (
    Activity,
    Agreement,
    Lead,
    LeadStageChange,
    SigningEvent,
    Target,
    Team,
)
from rixin.projects.choices import ProjectCategory, ProjectLevel, ProjectStatus, ReportStatus
from rixin.projects.models import AnnualPlan, Industry, MonthlyReport, Project, StatusChange
from rixin.regions.data import CITIES, JINZHONG, JINZHONG_COUNTIES, SHOUYANG, load_divisions
from rixin.regions.models import Division, DivisionLevel

TZ = ZoneInfo("Asia/Shanghai")
PROJECT_PREFIX = "示例规模项目"  # marks a county as generated: its projects carry this name
# Serial numbers of the generated projects' codes start here, past any county's demo projects.
SCALE_SERIAL = 500000
# County suffixes no Shanxi county uses in GB/T 2260 (real ones: 01-34 and 71-99 in places).
SUFFIXES = range(40, 70)
BATCH = 2000
INDUSTRIES = ["智慧物流", "环保造纸", "高端装备制造", "新能源", "现代农业", "文旅康养"]
PROJECT_DEPARTMENTS = [
    DepartmentKind.DEVELOPMENT_REFORM,
    DepartmentKind.INDUSTRY,
    DepartmentKind.TRANSPORT,
    DepartmentKind.HOUSING,
    DepartmentKind.AGRICULTURE,
    DepartmentKind.CULTURE_TOURISM,
    DepartmentKind.ENERGY,
    DepartmentKind.DEVELOPMENT_ZONE,
]
ORIGIN_CITIES = ["北京", "上海", "深圳", "杭州", "天津", "太原", "西安", "郑州", "苏州", "广州"]


@dataclass(frozen=True)
class Volume:
    """How much each county gets. The default is the issue's province-scale county."""

    projects: int = 300
    months: int = 36
    leads: int = 500
    activities_per_lead: int = 2
    appeals_per_year: int = 2000
    enterprises: int = 40
    project_investment: tuple[int, int] = (2000, 300000)  # 万元, a project's total
    lead_investment: tuple[int, int] = (1000, 200000)  # 万元, a lead's intended investment
    signing_target: Decimal = Decimal(1500000)  # 万元 a year, the county's; a team's is 1/5
    start_days: int = 700  # projects start within this many days of the span's first year
    reports_of_started_only: bool = False  # reserve and preparation projects report nothing
    half_year_targets: bool = False  # targets for 上半年 and 下半年 too, half the year's each

    def scaled(self, share: float) -> Volume:
        """The same shape with ``share`` of the rows (at least one of each)."""
        return replace(
            self,
            projects=max(1, round(self.projects * share)),
            leads=max(1, round(self.leads * share)),
            appeals_per_year=max(1, round(self.appeals_per_year * share)),
            enterprises=max(1, round(self.enterprises * share)),
        )


@dataclass(frozen=True)
class Span:
    """The months the data set covers: ``months`` months ending with (year, month)."""

    year: int
    month: int
    months: int

    def each(self) -> Iterator[tuple[int, int]]:
        last = self.year * 12 + self.month - 1
        for n in range(last - self.months + 1, last + 1):
            year, month = divmod(n, 12)
            yield year, month + 1

    @property
    def years(self) -> list[int]:
        return sorted({y for y, _m in self.each()})

    @property
    def end(self) -> datetime.date:
        following = datetime.date(self.year, self.month, 28) + datetime.timedelta(days=4)
        return following.replace(day=1) - datetime.timedelta(days=1)


# ---------------------------------------------------------------- divisions


def county_codes(count: int) -> list[tuple[str, str, str]]:
    """(code, name, city code) of ``count`` counties: Shouyang, the other real Jinzhong counties,
    then illustrative codes under the other cities of Shanxi, in turn."""
    real = sorted(JINZHONG_COUNTIES, key=lambda c: c[0] != SHOUYANG)
    found = [(code, name, JINZHONG) for code, name, _en in real]
    others = [(code, name) for code, name, _en in CITIES if code != JINZHONG]
    for suffix in SUFFIXES:
        for city, city_name in others:
            found.append((f"{city[:4]}{suffix}", f"{city_name[:2]}示例{suffix}县", city))
    if count > len(found):
        raise ValueError(f"at most {len(found)} counties can be generated, not {count}")
    return found[:count]


def ensure_divisions(count: int) -> list[str]:
    """The shipped divisions plus the illustrative counties needed; their codes."""
    load_divisions(Division)
    wanted = county_codes(count)
    existing = set(
        Division.objects.filter(code__in=[c for c, _n, _p in wanted]).values_list("pk", flat=True)
    )
    new = [
        Division(
            code=code,
            name=name,
            name_en=f"Illustrative county {code}",
            level=DivisionLevel.COUNTY,
            parent_id=city,
            is_illustrative=True,
        )
        for code, name, city in wanted
        if code not in existing
    ]
    for division in new:
        division.clean_fields()
        division.clean()
    Division.objects.bulk_create(new)
    return [code for code, _n, _p in wanted]


def generated_counties() -> set[str]:
    return set(
        Project.objects.filter(name__startswith=PROJECT_PREFIX)
        .values_list("county_id", flat=True)
        .distinct()
    )


# ---------------------------------------------------------------- writing rows fast


class Table:
    """Rows of one model written with ``executemany`` of the model's own INSERT: every
    concrete column, the ones not given filled with the field's default. Ids are assigned
    here (the generator is the only writer while a county is written; ``reset_sequences``
    runs after each county's commit), so child rows can point at their parents without
    reading them back. Building model instances
    and ``bulk_create`` spend most of their time compiling each value: 8 s a county instead
    of under 2."""

    def __init__(self, model: type[models.Model], *names: str):
        meta = model._meta
        given = [meta.get_field(name) for name in names]
        rest = [f for f in meta.concrete_fields if f not in given and not f.primary_key]
        self.model = model
        self.fields = [meta.pk, *given, *rest]
        self.constants = tuple(_default(f) for f in rest)
        self.rows: list[tuple] = []
        self.written = 0
        self.next_id = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1

    def add(self, *values) -> int:
        pk, self.next_id = self.next_id, self.next_id + 1
        self.rows.append((pk, *values, *self.constants))
        if len(self.rows) >= BATCH * 5:
            self.flush()
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in self.fields)
        rows = self._adapted()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # COPY: executemany is a round trip a row
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
                for start in range(0, len(rows), BATCH):
                    cursor.executemany(sql, rows[start : start + BATCH])
        self.written += len(rows)
        self.rows = []

    def _adapted(self) -> list:
        adapt = [(i, a) for i, a in enumerate(map(_adapter, self.fields)) if a is not None]
        if not adapt:
            return self.rows
        rows = [list(row) for row in self.rows]
        for row in rows:
            for i, a in adapt:
                if row[i] is not None:
                    row[i] = a(row[i])
        return rows


def _default(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _adapter(field: models.Field) -> Callable | None:
    """How a value becomes what the database driver takes (None: as it is)."""
    if isinstance(field, models.DateTimeField) and connection.vendor == "sqlite":
        return _sqlite_datetime
    if isinstance(field, models.JSONField):
        return lambda value: field.get_db_prep_save(value, connection)
    return None


def _sqlite_datetime(value: datetime.datetime) -> str:
    """What Django stores on SQLite: naive UTC text."""
    return str(value.astimezone(datetime.UTC).replace(tzinfo=None))


def reset_sequences(written: list[type[models.Model]] | None = None) -> None:
    """Point the id sequences past the ids written here (PostgreSQL; SQLite's AUTOINCREMENT
    follows explicit ids by itself, so nothing there). ``written``: the models whose ids
    ``Table`` assigned (default: every model)."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), written or apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


# ---------------------------------------------------------------- helpers


def _when(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=TZ
    )


def _money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _credit_code(county_index: int, n: int, county: str) -> str:
    """A GB 32100 code that passes every check, unique by (county, n); marked illustrative."""
    body = f"{county_index:04d}{n:04d}"
    partial = "91" + county + body + _org_check(body)
    return partial + uscc.calc_check_digit(partial)


@dataclass
class County:
    """One county's generation: its random generator, its span and the rows made before."""

    code: str
    index: int
    rng: random.Random
    span: Span
    volume: Volume
    departments: dict[str, Department]
    project_name: Callable[[int], str]
    first_serial: int = SCALE_SERIAL
    tables: list[Table] = field(default_factory=list)
    created: int = 0

    def table(self, model, *names: str) -> Table:
        table = Table(model, *names)
        self.tables.append(table)
        return table

    def create(self, model, objects: list) -> list:
        """Few rows that later rows refer to: bulk_create, ids read back."""
        model.objects.bulk_create(objects, batch_size=BATCH)
        self.created += len(objects)
        return objects

    def finish(self) -> int:
        for table in self.tables:
            table.flush()
        return self.created + sum(t.written for t in self.tables)


def _departments(code: str, name: str) -> dict[str, Department]:
    have = set(Department.objects.filter(county_id=code).values_list("kind", "name"))
    kinds, names = {k for k, _n in have}, {n for _k, n in have}
    missing = [
        Department(county_id=code, name=f"{name}{kind.label}", kind=kind, is_illustrative=True)
        for kind in DepartmentKind
        if kind not in kinds and f"{name}{kind.label}" not in names
    ]
    Department.objects.bulk_create(missing)
    return {d.kind: d for d in Department.objects.filter(county_id=code).order_by("-pk")}


# ---------------------------------------------------------------- projects


@dataclass
class ProjectRow:
    pk: int
    status: str
    total: Decimal
    start: datetime.date


def _projects(c: County) -> list[ProjectRow]:
    rng, industries = c.rng, _industries(c)
    statuses = [
        (ProjectStatus.RESERVE, 15),
        (ProjectStatus.PREPARATION, 15),
        (ProjectStatus.NEW_START, 15),
        (ProjectStatus.UNDER_CONSTRUCTION, 35),
        (ProjectStatus.COMPLETED, 10),
        (ProjectStatus.OPERATING, 7),
        (ProjectStatus.TERMINATED, 3),
    ]
    first = datetime.date(c.span.years[0], 1, 1)
    table = c.table(
        Project,
        *"county name category industry department total_investment planned_start".split(),
        *"planned_completion level is_key_one status address is_illustrative".split(),
        "code",
        "latitude",
        "longitude",
    )
    changes = c.table(StatusChange, "project", "old_status", "new_status", "at")
    projects = []
    for n in range(c.volume.projects):
        begins = first + datetime.timedelta(days=rng.randint(0, c.volume.start_days))
        total = _money(rng, *c.volume.project_investment)
        status = rng.choices(*zip(*statuses, strict=True))[0]
        category = rng.choice(ProjectCategory.values)
        where = illustrative_location(c.code, c.first_serial + n + 1, category, begins.year)
        pk = table.add(
            c.code,
            c.project_name(n),
            category,
            rng.choice(industries),
            c.departments[rng.choice(PROJECT_DEPARTMENTS)].pk,
            total,
            begins,
            begins + datetime.timedelta(days=rng.randint(300, 1200)),
            rng.choices(ProjectLevel.values, weights=[5, 15, 40, 40])[0],
            rng.random() < 0.02,
            status,
            f"示例地点{rng.randint(1, 99)}号",
            True,
            where["code"],
            where.get("latitude"),
            where.get("longitude"),
        )
        changes.add(pk, "", status, _when(begins, rng))
        projects.append(ProjectRow(pk, status, total, begins))
    return projects


def _industries(c: County) -> list[int]:
    have = set(Industry.objects.filter(county_id=c.code).values_list("name", flat=True))
    c.create(
        Industry,
        [
            Industry(county_id=c.code, name=name, order=i, is_illustrative=True)
            for i, name in enumerate(INDUSTRIES)
            if name not in have
        ],
    )
    return list(
        Industry.objects.filter(county_id=c.code, name__in=INDUSTRIES).values_list("pk", flat=True)
    )


def _plans_and_reports(c: County, projects: list[ProjectRow]) -> None:
    rng, cent = c.rng, Decimal("0.01")
    plans = c.table(
        AnnualPlan,
        *"county project year planned_investment plans_start plans_completion".split(),
        "is_illustrative",
    )
    reports = c.table(
        MonthlyReport,
        *"county project year month investment physical_progress progress_text".split(),
        *"status submitted_at reviewed_at is_illustrative".split(),
    )
    for project in projects:
        yearly = (project.total / 4).quantize(cent)
        for year in c.span.years:
            plans.add(
                c.code, project.pk, year, yearly, rng.random() < 0.1, rng.random() < 0.08, True
            )
        if c.volume.reports_of_started_only and project.status not in ProjectStatus.STARTED:
            continue
        physical = Decimal(0)
        for year, month in c.span.each():
            physical = min(Decimal(100), physical + Decimal(rng.randint(0, 40)) / 10)
            day = datetime.date(year, month, 1) + datetime.timedelta(days=rng.randint(31, 36))
            submitted = _when(day, rng)
            reports.add(
                c.code,
                project.pk,
                year,
                month,
                (yearly * rng.randint(40, 160) / 1200).quantize(cent),
                physical,
                "按计划推进",
                ReportStatus.APPROVED,
                submitted,
                submitted + datetime.timedelta(days=2),
                True,
            )


# ---------------------------------------------------------------- investment


@dataclass
class LeadRow:
    pk: int
    team: int
    stage: str
    created: datetime.datetime
    since: datetime.datetime
    city: str
    industry: str
    amount: Decimal
    project_name: str


def _investment(c: County, projects: list[ProjectRow]) -> None:
    names = [f"第{n}招商专班" for n in range(1, 6)]
    have = {t.name: t for t in Team.objects.filter(county_id=c.code, name__in=names)}
    c.create(
        Team,
        [
            Team(county_id=c.code, name=name, industry_focus=focus, is_illustrative=True)
            for name, focus in zip(names, INDUSTRIES, strict=False)
            if name not in have
        ],
    )
    teams = list(Team.objects.filter(county_id=c.code, name__in=names).order_by("pk"))
    c.create(Target, _targets(c, teams))
    leads = _leads(c, [t.pk for t in teams])
    _lead_history(c, leads)
    _agreements(c, leads, projects)


def _targets(c: County, teams: list[Team]) -> list[Target]:
    """The county's and its teams' signing targets of each year (and half-year), but those
    already set."""
    have = set(Target.objects.filter(county_id=c.code).values_list("team_id", "year", "period"))
    periods = [(TargetPeriod.YEAR, 1, 40)]
    if c.volume.half_year_targets:
        periods += [(TargetPeriod.H1, 2, 20), (TargetPeriod.H2, 2, 20)]
    targets = []
    for year in c.span.years:
        for period, parts, signed in periods:
            amount = c.volume.signing_target / parts
            targets.append(
                Target(
                    county_id=c.code,
                    year=year,
                    period=period,
                    signing_amount=amount,
                    signed_projects=signed,
                    start_rate=Decimal(60),
                    is_illustrative=True,
                )
            )
            targets += [
                Target(
                    county_id=c.code,
                    team=team,
                    year=year,
                    period=period,
                    signing_amount=amount / 5,
                    signed_projects=signed // 5,
                    is_illustrative=True,
                )
                for team in teams
            ]
    return [t for t in targets if (t.team_id, t.year, t.period) not in have]


def _leads(c: County, teams: list[int]) -> list[LeadRow]:
    rng = c.rng
    first = datetime.date(c.span.years[0], 1, 1)
    days = (c.span.end - first).days
    weights = [30, 15, 20, 12, 8, 5, 10]  # clue … producing, terminated
    table = c.table(
        Lead,
        *"county source company_name origin_city project_name industry".split(),
        *"intended_investment team stage stage_since created is_illustrative".split(),
    )
    leads = []
    for n in range(c.volume.leads):
        created = _when(first + datetime.timedelta(days=rng.randint(0, days)), rng)
        lead = LeadRow(
            0,
            rng.choice(teams),
            rng.choices([*PIPELINE, Stage.TERMINATED], weights=weights)[0],
            created,
            created + datetime.timedelta(days=rng.randint(5, 200)),
            rng.choice(ORIGIN_CITIES),
            rng.choice(INDUSTRIES),
            _money(rng, *c.volume.lead_investment),
            f"示例意向项目{n + 1}",
        )
        lead.pk = table.add(
            c.code,
            rng.choice(LeadSource.values),
            f"示例投资企业{c.code}-{n + 1:04d}有限公司",
            lead.city,
            lead.project_name,
            lead.industry,
            lead.amount,
            lead.team,
            lead.stage,
            lead.since,
            lead.created,
            True,
        )
        leads.append(lead)
    return leads


def _lead_history(c: County, leads: list[LeadRow]) -> None:
    rng = c.rng
    changes = c.table(LeadStageChange, "lead", "old", "new", "at")
    activities = c.table(
        Activity,
        *"county kind lead team start_date cities outcome next_contact_on".split(),
        "next_contact_done",
        "is_illustrative",
    )
    for lead in leads:
        reached = PIPELINE.index(lead.stage) if lead.stage in PIPELINE else rng.randint(0, 2)
        path = PIPELINE[: reached + 1]
        if lead.stage == Stage.TERMINATED:
            path.append(Stage.TERMINATED)
        step = (lead.since - lead.created) / max(1, len(path) - 1)
        for i, stage in enumerate(path):
            changes.add(lead.pk, path[i - 1] if i else "", stage, lead.created + step * i)
        for n in range(c.volume.activities_per_lead):
            day = (lead.created + step * n).date()
            visit = n == 0
            activities.add(
                c.code,
                ActivityKind.VISIT if visit else ActivityKind.FOLLOW_UP,
                lead.pk,
                lead.team,
                day,
                lead.city if visit else "",
                "示例:洽谈推进",
                day + datetime.timedelta(days=rng.randint(7, 60)),
                rng.random() < 0.9,
                True,
            )


def _agreements(c: County, leads: list[LeadRow], projects: list[ProjectRow]) -> None:
    rng = c.rng
    events = c.create(
        SigningEvent,
        [
            SigningEvent(
                county_id=c.code,
                name=f"{year}年示例招商引资签约大会",
                date=datetime.date(year, 5, 18),
                is_illustrative=True,
            )
            for year in c.span.years
        ],
    )
    by_year = {e.date.year: e.pk for e in events}
    linked = iter(p.pk for p in projects if p.status in ProjectStatus.STARTED)
    table = c.table(
        Agreement,
        *"county event lead team project_name kind amount signed_on industry".split(),
        *"origin_city project is_illustrative".split(),
    )
    for lead in leads:
        if lead.stage not in (Stage.SIGNED, Stage.STARTED, Stage.PRODUCING):
            continue
        day = min(lead.since.date(), c.span.end)
        started = lead.stage in (Stage.STARTED, Stage.PRODUCING)
        table.add(
            c.code,
            by_year.get(day.year) if rng.random() < 0.5 else None,
            lead.pk,
            lead.team,
            lead.project_name,
            rng.choice(AgreementKind.values),
            lead.amount,
            day,
            lead.industry,
            lead.city,
            next(linked, None) if started else None,
            True,
        )


# ---------------------------------------------------------------- indicators


def _indicators(c: County, indicators: list[Indicator]) -> None:
    rng = c.rng
    have = set(
        Observation.objects.filter(county_id=c.code).values_list("indicator_id", "year", "month")
    )
    have_targets = set(
        GrowthTarget.objects.filter(county_id=c.code).values_list("indicator_id", "year")
    )
    observations = c.table(
        Observation,
        *"county indicator year month value rate source is_illustrative".split(),
    )
    targets = c.table(GrowthTarget, "county", "indicator", "year", "growth", "is_illustrative")
    for indicator in indicators:
        base = Decimal(rng.randint(20000, 400000))
        for year in c.span.years:
            growth = Decimal(rng.randint(40, 90)) / 10
            if (indicator.pk, year) not in have_targets:
                targets.add(c.code, indicator.pk, year, growth, True)
        for year, month in c.span.each():
            if month % 3 or (indicator.pk, year, month) in have:
                continue
            value = (base * month / 12 * (1 + Decimal(year - 2020) / 20)).quantize(Decimal("0.01"))
            observations.add(
                c.code,
                indicator.pk,
                year,
                month,
                value if indicator.publishes_value else None,
                Decimal(rng.randint(-30, 150)) / 10,
                "示例数据",
                True,
            )


# ---------------------------------------------------------------- appeals


def _categories(c: County) -> dict[str, list[Category]]:
    have = set(Category.objects.filter(county_id=c.code).values_list("code", flat=True))
    c.create(
        Category,
        [
            Category(
                county_id=c.code,
                code=code,
                name=name,
                kind=kind,
                default_department=c.departments[department],
                deadline_days=days,
                open311=kind == AppealKind.APPEAL,
                is_illustrative=True,
            )
            for code, name, kind, department, days in CATEGORIES
            if code not in have
        ],
    )
    found: dict[str, list[Category]] = {AppealKind.APPEAL: [], AppealKind.COMPLAINT: []}
    for category in Category.objects.filter(county_id=c.code, is_active=True):
        found[category.kind].append(category)
    return found


def _enterprises(c: County) -> list[int]:
    enterprises = c.create(
        Enterprise,
        [
            Enterprise(
                county_id=c.code,
                name=f"示例企业{c.code}-{n + 1:03d}有限公司",
                credit_code=_credit_code(c.index, n, c.code),
                industry="C22",
                is_illustrative=True,
            )
            for n in range(c.volume.enterprises)
        ],
    )
    return [e.pk for e in enterprises]


MARKS = [
    (Satisfaction.SATISFIED, 70),
    (Satisfaction.BASICALLY, 15),
    (Satisfaction.UNSATISFIED, 7),
    (Satisfaction.UNRATED, 8),
]
MARKED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED)
APPEAL_COLUMNS = (
    *"county kind number enterprise complainant_name complained_department channel".split(),
    *"category title content status lead_department deadline submitted_at".split(),
    *"registered_at answered_at answer_solution satisfaction resolution marked_at".split(),
    *"closed_at reopen_count is_illustrative".split(),
)


def _appeals(c: County) -> None:
    categories, enterprises = _categories(c), _enterprises(c)
    appeals = c.table(Appeal, *APPEAL_COLUMNS)
    assignments = c.table(
        Assignment,
        *"appeal department role dispatched_at deadline acknowledged_at answered_at".split(),
        *"ended_at dispatched_on acknowledged_on answered_on".split(),
    )
    transitions = c.table(
        Transition, "appeal", "step", "old_status", "new_status", "department", "at"
    )
    for year in c.span.years:
        for n in range(c.volume.appeals_per_year):
            _appeal(c, year, n, categories, enterprises, appeals, assignments, transitions)


def _appeal(c: County, year, n, categories, enterprises, appeals, assignments, transitions):
    rng = c.rng
    first, end = datetime.date(year, 1, 1), min(c.span.end, datetime.date(year, 12, 31))
    day = first + datetime.timedelta(days=rng.randint(0, (end - first).days))
    registered = _when(day, rng)
    complaint = rng.random() < 0.1
    kind = AppealKind.COMPLAINT if complaint else AppealKind.APPEAL
    category = rng.choice(categories[kind])
    department = category.default_department_id
    age = (c.span.end - day).days
    closed = age > 30 or rng.random() < age / 40
    answered = registered + datetime.timedelta(days=rng.randint(1, 20), hours=rng.randint(0, 6))
    acknowledged = registered + datetime.timedelta(hours=rng.choice([2, 5, 20, 30, 50, 80]))
    mark = rng.choices(*zip(*MARKS, strict=True))[0] if closed else ""
    status = Status.CLOSED if closed else rng.choice([Status.DISPATCHED, Status.IN_PROGRESS])
    deadline = day + datetime.timedelta(days=category.deadline_days * 7 // 5)
    closed_at = answered + datetime.timedelta(days=3) if closed else None
    pk = appeals.add(
        c.code,
        kind,
        f"{c.code}-{registered:%Y%m}-S{n + 1:04d}",
        None if complaint else rng.choice(enterprises),
        "示例投诉人" if complaint else "",
        department if complaint else None,
        rng.choice(COMPLAINT_CHANNELS if complaint else APPEAL_CHANNELS),
        category.pk,
        f"示例诉求:{category.name}",
        "示例内容:企业反映的问题(为演示编造)。",
        status,
        department,
        deadline,
        registered - datetime.timedelta(minutes=rng.randint(5, 600)),
        registered,
        answered if closed else None,
        "示例:已协调解决。" if closed else "",
        mark,
        rng.choices(Resolution.values, weights=[80, 15, 5])[0] if mark in MARKED else "",
        answered + datetime.timedelta(days=2) if mark else None,
        closed_at,
        1 if closed and rng.random() < 0.03 else 0,
        True,
    )
    waiting = status == Status.DISPATCHED
    assignments.add(
        pk,
        department,
        AssignmentRole.LEAD,
        registered,
        deadline,
        None if waiting else acknowledged,
        answered if closed else None,
        closed_at,
        registered.date(),
        None if waiting else acknowledged.date(),
        answered.date() if closed else None,
    )
    steps = [
        (Step.REGISTER, "", Status.REGISTERED, registered),
        (Step.DISPATCH, Status.REGISTERED, Status.DISPATCHED, registered),
    ]
    if not waiting:
        steps.append((Step.ACKNOWLEDGE, Status.DISPATCHED, Status.IN_PROGRESS, acknowledged))
    if closed:
        steps.append((Step.ANSWER, Status.IN_PROGRESS, Status.ANSWERED, answered))
        steps.append((Step.CONCLUDE, Status.ANSWERED, Status.CLOSED, closed_at))
    for step, old, new, at in steps:
        transitions.add(pk, step, old, new, department, at)


# ---------------------------------------------------------------- one county, all counties


def generate_county(
    code: str,
    index: int,
    *,
    volume: Volume,
    span: Span,
    seed: int,
    indicators: list[Indicator],
    project_name: Callable[[int], str] | None = None,
    first_serial: int = SCALE_SERIAL,
) -> int:
    """Every row of one county, in one transaction, then the id sequences moved past its rows
    (so a run killed at the next county leaves a database the application can insert into);
    the number of rows written. ``project_name(n)``: the name of the county's n-th project
    (default: PROJECT_PREFIX, code and number, which marks the county as generated)."""
    name = Division.objects.get(code=code).name
    with transaction.atomic():
        county = County(
            code=code,
            index=index,
            rng=random.Random(f"{seed}:{code}"),
            span=span,
            volume=volume,
            departments=_departments(code, name),
            project_name=project_name or (lambda n: f"{PROJECT_PREFIX}{code}-{n + 1:04d}"),
            first_serial=first_serial,
        )
        projects = _projects(county)
        _plans_and_reports(county, projects)
        _investment(county, projects)
        _indicators(county, indicators)
        _appeals(county)
        written = county.finish()
    reset_sequences(sorted({t.model for t in county.tables}, key=lambda m: m._meta.label))
    return written


def generate(
    counties: int,
    *,
    volume: Volume = Volume(),
    span: Span | None = None,
    seed: int = 8,
    progress: Callable[[str, int], None] | None = None,
) -> dict:
    """Make sure ``counties`` counties exist and each has its generated rows. Each county is
    committed on its own with its sequences reset, so a run that is killed keeps the counties
    done and the next run goes on from there."""
    span = span or Span(2025, 12, volume.months)
    # A run killed between a county's commit and its sequence reset is repaired here.
    reset_sequences()
    codes = ensure_divisions(counties)
    ensure_standard_catalogue(Indicator)
    indicators = list(Indicator.objects.standard())
    done = generated_counties()
    rows = 0
    for index, code in enumerate(codes):
        if code in done:
            continue
        written = generate_county(
            code, index, volume=volume, span=span, seed=seed, indicators=indicators
        )
        # Its rows are written in bulk, past the audit writer: raise the county's figure
        # version here, so no figure cached before the run is served after it.
        figurecache.raise_versions({code})
        rows += written
        if progress:
            progress(code, written)
    return {"counties": len(codes), "generated": len(codes) - len(done & set(codes)), "rows": rows}


# ---------------------------------------------------------------- for the query-count tests

# Two small data sets of different sizes: a page's query count must be the same on both.
TEST_SIZES = (
    Volume(projects=8, leads=4, activities_per_lead=1, appeals_per_year=5, enterprises=2),
    Volume(projects=20, leads=12, activities_per_lead=2, appeals_per_year=15, enterprises=5),
)


def at_each_size(measure: Callable[[], object], counties: int = 2) -> list:
    """``measure()`` on each of TEST_SIZES, generated for ``counties`` counties and rolled
    back afterwards."""
    results = []
    for volume in TEST_SIZES:
        with transaction.atomic():
            generate(counties, volume=volume)
            results.append(measure())
            transaction.set_rollback(True)
    return results


def page_queries(client, url: str) -> tuple[int, object]:
    """(number of queries, response) of one GET that must answer 200."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)  # noqa: S101
    return len(captured), response
