"""Working-day arithmetic on the calendar table, in Python and in SQL.

Python reads the whole ``WorkDay`` table once into memory (a scorecard asks about the same
few hundred days tens of thousands of times) and keeps it until a calendar action changes it
(``forget``), and reads it again after ``CACHE_SECONDS`` outside a transaction (so other
processes see an administrator's edit soon).
Outside the table's range a plain Monday-to-Friday week is counted — and every such result
is marked provisional, never silent.

SQL uses the same index: see ``index_at``, ``working_days_between_sql``,
``nth_working_day_after_sql``, ``Ordinal`` (a subquery per row) and ``joined_ordinals`` (the
calendar joined once, for grouped queries over many rows).
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import (
    DateField,
    Expression,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from .models import CalendarYear, SpecialDay, WorkDay

ONE_DAY = datetime.timedelta(days=1)
CACHE_SECONDS = 60


def weekdays_between(start: datetime.date, end: datetime.date) -> int:
    """Monday-to-Friday days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    return weeks * 5 + sum((start + i * ONE_DAY).weekday() < 5 for i in range(1, rest + 1))


@dataclass
class Table:
    """One calendar in memory: national (county None) or a county's own."""

    first: datetime.date
    working: list[bool]
    index: list[int]
    working_dates: list[datetime.date]
    covered: frozenset[int]

    @property
    def last(self) -> datetime.date:
        return self.first + (len(self.working) - 1) * ONE_DAY

    def _offset(self, day: datetime.date) -> int | None:
        offset = (day - self.first).days
        return offset if 0 <= offset < len(self.working) else None

    def is_working(self, day: datetime.date) -> bool:
        offset = self._offset(day)
        return day.weekday() < 5 if offset is None else self.working[offset]

    def ordinal(self, day: datetime.date) -> int:
        """``index`` extended beyond the table by counting Monday to Friday."""
        offset = self._offset(day)
        if offset is not None:
            return self.index[offset]
        if day > self.first:
            return len(self.working_dates) + weekdays_between(self.last, day)
        return -weekdays_between(day, self.first - ONE_DAY)


_EMPTY = Table(datetime.date(2000, 1, 3), [True], [1], [datetime.date(2000, 1, 3)], frozenset())
_cache: dict = {"at": None, "tables": {}, "years": {}}


def forget() -> None:
    """Drop the in-memory calendar; the next question reads the table again."""
    _cache["at"] = None


def _load() -> None:
    tables: dict[str | None, Table] = {}
    national_years = set()
    county_years: dict[str, set[int]] = {}
    for year, county in CalendarYear.objects.values_list("year", "county_id"):
        if county is None:
            national_years.add(year)
        else:
            county_years.setdefault(county, set()).add(year)
    rows = WorkDay.objects.order_by("county_id", "date").values_list(
        "county_id", "date", "is_working", "index"
    )
    for county, day, working, index in rows.iterator(chunk_size=5000):
        table = tables.get(county)
        if table is None:
            covered = national_years | county_years.get(county, set())
            table = tables[county] = Table(day, [], [], [], frozenset(covered))
        table.working.append(working)
        table.index.append(index)
        if working:
            table.working_dates.append(day)
    _cache["tables"] = tables
    _cache["years"] = {None: frozenset(national_years), **county_years}
    _cache["at"] = time.monotonic()


def table(county: str | None = None) -> Table:
    """The calendar that applies to ``county`` (its own if it has one, else the national)."""
    if _cache["at"] is None or (
        # Inside a transaction the table reads as that transaction left it (the calendar
        # actions forget it themselves), so only a fresh unit of work looks again.
        not connection.in_atomic_block and time.monotonic() - _cache["at"] > CACHE_SECONDS
    ):
        _load()
    tables = _cache["tables"]
    found = tables.get(county) if county else None
    return found or tables.get(None) or _EMPTY


def covered_years(county: str | None = None) -> frozenset[int]:
    return table(county).covered


# The arithmetic ----------------------------------------------------------------------------


def is_working_day(day: datetime.date, county: str | None = None) -> bool:
    return table(county).is_working(day)


def working_days_between(
    start: datetime.date, end: datetime.date, county: str | None = None
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    t = table(county)
    return t.ordinal(end) - t.ordinal(start)


def add_working_days(start: datetime.date, days: int, county: str | None = None) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself is day 0)."""
    if days <= 0:
        return start
    t = table(county)
    target = t.ordinal(start) + days
    if 1 <= target <= len(t.working_dates):
        return t.working_dates[target - 1]
    day, counted = start, 0
    if target > len(t.working_dates) and start < t.last:
        day, counted = t.last, days - (target - len(t.working_dates))
    while counted < days:
        day += ONE_DAY
        if t.is_working(day):
            counted += 1
    return day


@dataclass(frozen=True)
class Deadline:
    """A computed date, and whether it rests on a year the table does not cover (then it
    was counted Monday to Friday and may move when the year's notice is entered)."""

    date: datetime.date
    provisional: bool


def deadline_is_provisional(day: datetime.date, county: str | None = None) -> bool:
    return day.year not in covered_years(county)


def deadline(start: datetime.date, days: int, county: str | None = None) -> Deadline:
    """``add_working_days`` with its warning: provisional when any year it counts through
    is not in the table."""
    end = add_working_days(start, days, county)
    covered = covered_years(county)
    return Deadline(end, any(y not in covered for y in range(start.year, end.year + 1)))


def next_year_missing(today: datetime.date, county: str | None = None) -> int | None:
    """From December on: next year, if its calendar is not entered yet; else None."""
    if today.month != 12:
        return None
    return today.year + 1 if today.year + 1 not in covered_years(county) else None


# Rebuilding the table ----------------------------------------------------------------------


def counties_with_own_calendar() -> set[str]:
    return set(
        SpecialDay.objects.filter(county__isnull=False).values_list("county_id", flat=True)
    ) | set(CalendarYear.objects.filter(county__isnull=False).values_list("county_id", flat=True))


def _days_of(county: str | None) -> tuple[set[int], dict[datetime.date, SpecialDay]]:
    years = set(CalendarYear.objects.national().values_list("year", flat=True))
    specials = {d.date: d for d in SpecialDay.objects.national()}
    if county:
        years |= set(CalendarYear.objects.filter(county_id=county).values_list("year", flat=True))
        specials.update({d.date: d for d in SpecialDay.objects.filter(county_id=county)})
    return years, specials


def rebuild(county: str | None = None) -> int:
    """Write ``WorkDay`` again for one calendar, from the first covered year to the year after
    the last (that year provisional). Run inside the changing action's transaction."""
    years, specials = _days_of(county)
    if county and county not in counties_with_own_calendar():
        years = set()
    WorkDay.objects.filter(Q(county_id=county) if county else Q(county__isnull=True)).delete()
    if not years:
        return 0
    day, last = datetime.date(min(years), 1, 1), datetime.date(max(years) + 1, 12, 31)
    rows, index = [], 0
    while day <= last:
        special = specials.get(day)
        working = special.is_working if special else day.weekday() < 5
        index += working
        rows.append(
            WorkDay(
                date=day,
                county_id=county,
                is_working=working,
                name=special.name if special else "",
                index=index,
                provisional=day.year not in years,
            )
        )
        day += ONE_DAY
    WorkDay.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def rebuild_after_change(county: str | None) -> None:
    """A national change moves every county calendar too; a county's change only its own."""
    counties = [county] if county else [None, *sorted(counties_with_own_calendar())]
    for code in counties:
        rebuild(code)
    forget()
    transaction.on_commit(forget)


# SQL -----------------------------------------------------------------------------------------


def _on(day, depth: int):
    if isinstance(day, datetime.date):
        return Value(day)
    ref = day
    for _level in range(depth):
        ref = OuterRef(ref)
    return ref


def index_at(day, *, county: str | None = None, county_field: str | None = None, depth: int = 1):
    """The working-day index of ``day`` (a date, or the name of a date field of the outer
    query) as an SQL expression; NULL outside the table. ``county`` (a code) or
    ``county_field`` (a field of the outer query) picks the county's own calendar where it
    has one."""
    date = _on(day, depth)
    national = Subquery(
        WorkDay.objects.filter(county__isnull=True, date=date).order_by().values("index")[:1],
        output_field=IntegerField(),
    )
    if county is None and county_field is None:
        return national
    own = Q(county_id=county) if county else Q(county_id=_on(county_field, depth))
    local = Subquery(
        WorkDay.objects.filter(own, date=date).order_by().values("index")[:1],
        output_field=IntegerField(),
    )
    return Coalesce(local, national)


def working_days_between_sql(start, end, **calendar) -> Expression:
    """Working days after ``start`` up to and including ``end``, in SQL (see ``index_at``).
    Negative when end < start, as the difference of indexes."""
    return index_at(end, **calendar) - index_at(start, **calendar)


def nth_working_day_after_sql(day, days: int, *, county: str | None = None) -> Subquery:
    """The ``days``-th working day after ``day`` (a date field of the outer query), in SQL."""
    if county and county not in counties_with_own_calendar():
        county = None
    rows = WorkDay.objects.filter(Q(county_id=county) if county else Q(county__isnull=True))
    own = Q(county_id=county) if county else Q(county__isnull=True)
    start = Subquery(
        WorkDay.objects.filter(own, date=OuterRef(OuterRef(day))).values("index")[:1],
        output_field=IntegerField(),
    )
    return Subquery(
        rows.filter(is_working=True, index=start + days).values("date")[:1],
        output_field=DateField(),
    )


# The ordinal of ``Table.ordinal`` in SQL -------------------------------------------------------

EPOCH = datetime.date(1900, 1, 1)  # a Monday


def weekday_count(day: datetime.date) -> int:
    """Monday-to-Friday days from ``EPOCH`` up to and including ``day``."""
    days = (day - EPOCH).days + 1
    return 5 * (days // 7) + min(days % 7, 5)


def _weekday_count_sql(column: str, vendor: str) -> str:
    """``weekday_count`` of a date column, in SQL (``%%``: the statement has parameters)."""
    if vendor == "postgresql":
        days, least = f"({column} - DATE '1900-01-01' + 1)", "LEAST"
    else:  # julianday('1900-01-01') = 2415020.5: both exact halves, the cast is exact
        days, least = f"(CAST(julianday({column}) - 2415020.5 AS INTEGER) + 1)", "MIN"
    return f"(5 * ({days} / 7) + {least}({days} %% 7, 5))"


class Ordinal(Func):
    """``Table.ordinal`` of a date field, in SQL: the ``WorkDay`` index on the calendar that
    applies to ``county`` (its own rows where it has them, else the national ones), and
    beyond the table Monday to Friday counted on, as in Python. So ``Ordinal(b) - Ordinal(a)``
    is ``working_days_between(a, b)`` for b > a. NULL where the field is NULL.

    Written as one SQL fragment rather than ORM subqueries: a scorecard uses it ten times a
    query, and compiling that many subqueries cost more than running them."""

    arity = 1
    output_field = IntegerField()

    def __init__(self, day: str, county: str | None = None):
        super().__init__(F(day))
        self.county = county

    def as_sql(self, compiler, connection, **extra):
        column, params = compiler.compile(self.source_expressions[0])
        if params:
            raise ValueError("Ordinal reads a date column, not an expression with parameters")
        quote = connection.ops.quote_name
        rows = f"FROM {quote(WorkDay._meta.db_table)} {quote('_wd')}"
        index, date, county = (f"{quote('_wd')}.{quote(c)}" for c in ("index", "date", "county_id"))
        lookup = f"(SELECT {index} {rows} WHERE {county} IS NULL AND {date} = {column})"
        params = []
        # A county without a calendar of its own reads the national rows alone. (One that has
        # one reads its rows first: the table in memory may be older than the database's.)
        if has_own_table(self.county):
            own = f"(SELECT {index} {rows} WHERE {county} = %s AND {date} = {column})"
            lookup, params = f"COALESCE({own}, {lookup})", [self.county]
        sql, beyond_params = _ordinal_beyond(column, lookup, self.county, connection)
        return sql, [*params, *beyond_params]


def has_own_table(county: str | None) -> bool:
    """The calendar in memory holds rows of ``county``'s own (else it reads the national)."""
    table(county)
    return bool(county) and county in _cache["tables"]


def _ordinal_beyond(column: str, index: str, county: str | None, connection) -> tuple[str, list]:
    """``index`` (the SQL of the ``WorkDay`` index of the date ``column``, NULL outside the
    table), and beyond the table Monday to Friday counted on from its ends, as in Python."""
    t = table(county)
    beyond = _weekday_count_sql(column, connection.vendor)
    after = len(t.working_dates) - weekday_count(t.last)
    before = weekday_count(t.first - ONE_DAY)
    sql = (
        f"COALESCE({index}, CASE WHEN {column} > %s THEN {beyond} + ({after:d})"
        f" ELSE {beyond} - ({before:d}) END)"
    )
    return sql, [connection.ops.adapt_datefield_value(t.last)]


@dataclass(frozen=True)
class JoinedOrdinals:
    """``Table.ordinal`` of some date columns of one table, read by joining the calendar
    once per column (``joins``, for the FROM clause) rather than by a subquery per row:
    ``ordinals[column]`` is the SQL of the column's ordinal. Each part comes with its
    parameters, in the order they appear."""

    joins: str
    join_params: list
    ordinals: dict[str, tuple[str, list]]


def joined_ordinals(
    alias: str, columns: list[str], county: str | None, connection
) -> JoinedOrdinals:
    """The joins and ordinals of ``columns`` of the table ``alias`` (see ``JoinedOrdinals``),
    on the calendar that applies to ``county`` as ``Ordinal`` reads it: the county's own rows
    first where it has them, else the national ones."""
    quote = connection.ops.quote_name
    workday = quote(WorkDay._meta.db_table)
    own = has_own_table(county)
    joins, join_params, ordinals = [], [], {}
    for n, name in enumerate(columns):
        column = f"{quote(alias)}.{quote(name)}"
        calendars = [("_wn", "IS NULL", [])]
        if own:
            calendars.insert(0, ("_wc", "= %s", [county]))
        indexes = []
        for prefix, county_test, params in calendars:
            joined = quote(f"{prefix}{n}")
            joins.append(
                f"LEFT JOIN {workday} {joined} ON {joined}.{quote('date')} = {column}"
                f" AND {joined}.{quote('county_id')} {county_test}"
            )
            join_params += params
            indexes.append(f"{joined}.{quote('index')}")
        index = indexes[0] if len(indexes) == 1 else f"COALESCE({', '.join(indexes)})"
        ordinals[name] = _ordinal_beyond(column, index, county, connection)
    return JoinedOrdinals(" ".join(joins), join_params, ordinals)


def ordinal_sql(day: str, county: str | None = None) -> Expression:
    """``Table.ordinal`` of the date field ``day`` of the query, in SQL (see ``Ordinal``)."""
    return Ordinal(day, county)
