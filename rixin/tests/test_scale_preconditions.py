"""The precondition of running Rixin distributed by county (docs/scaling.md): every
county-owned table has a non-null county column, and the queries of a county's list pages and
cockpit filter on it."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from rixin.demo.scale import TEST_SIZES, generate
from rixin.regions.models import CountyOwned, Division

SCALING = Path(__file__).resolve().parents[2] / "docs" / "scaling.md"
# Tables with a county column that may be empty, and why (they are reference tables).
REFERENCE_WITH_COUNTY = {
    "indicators_indicator": "the standard catalogue has no county; a county's own indicators do",
    "workcalendar_specialday": "the national holiday schedule has no county; a county's own days do",
    "workcalendar_calendaryear": "the national schedule's years have no county; a county's do",
    "workcalendar_workday": "the national working-day index has no county; a county's own does",
}
# Tables kept on the coordinator (not distributed) whose county may be empty.
COORDINATOR_WITH_COUNTY = {
    "jobs_job": "the worker's queue; a city's or the province's job belongs to no one county",
}
# County-owned tables small enough to be reference tables (copied to every node), as
# docs/scaling.md decides; every other county-owned table is distributed by county.
REFERENCE_TABLES = {
    "accounts_user",
    "appeals_appealpolicy",
    "appeals_category",
    "directory_department",
    "investment_pipelinesettings",
    "investment_signingevent",
    "investment_target",
    "investment_team",
    "parks_park",
    "parks_parkcapacity",
    "projects_industry",
    "projects_projectsettings",
}
# Statements allowed to read several counties, and why (docs/scaling.md, "fan-out").
FAN_OUT = {
    "the city ranking on a county's indicator board": re.compile(
        r'FROM "indicators_observation" INNER JOIN "regions_division" .*"regions_division"\."parent_id" ='
    ),
}
# Statements that do not filter on the county yet: each is a change asked of its module
# (docs/scaling.md, "Before distributing"). Remove the entry when the module is changed.
KNOWN_GAPS = {
    "projects: the plan rates as of a date take each plan's status from a subquery": re.compile(
        r'^SELECT COUNT\("__col1"\) FILTER \(WHERE "__col2"\).*"status_now"', re.S
    ),
    "todo: the reports a department owes test the month's report by project only": re.compile(
        r'^SELECT "projects_project"\."id".* NOT EXISTS\(SELECT 1 AS "a" FROM '
        r'"projects_monthlyreport" U0 WHERE \(U0\."month" = \d+ AND U0\."project_id" =',
        re.S,
    ),
    "funds: a programme's allocated total is summed by programme only": re.compile(
        r'^SELECT "funds_programme"\."id".*FROM "funds_allocation" U0 WHERE '
        r'U0\."programme_id" = \("funds_programme"\."id"\)',
        re.S,
    ),
    "funds: an allocation's disbursed total is summed by allocation only": re.compile(
        r'^SELECT "funds_allocation"\."id".*FROM "funds_disbursement" U0 WHERE '
        r'U0\."allocation_id" = \("funds_allocation"\."id"\)',
        re.S,
    ),
    "funds: disbursements are summed by allocation only": re.compile(
        r'^SELECT .*FROM "funds_disbursement" WHERE "funds_disbursement"\."allocation_id" IN',
        re.S,
    ),
    "projects: owed_reports reads the month's reports by project ids only": re.compile(
        r'^SELECT .* FROM "projects_monthlyreport" INNER JOIN "projects_project" .* WHERE '
        r'\("projects_monthlyreport"\."month" = \d+ AND "projects_monthlyreport"\."project_id" IN \('
    ),
}


def county_owned_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if issubclass(m, CountyOwned)]


def county_foreign_keys() -> list[tuple[type[models.Model], models.ForeignKey]]:
    """Every foreign key to a Division named ``county``, on any model."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Division and field.name == "county"
    ]


def children_without_county() -> list[str]:
    """Tables that belong to a county only through a parent row (no county column)."""
    owned = set(county_owned_models())
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model not in owned
        and not any(f.name == "county" for f in model._meta.concrete_fields)
        and any(
            f.is_relation and f.many_to_one and f.related_model in owned
            for f in model._meta.concrete_fields
        )
    )


def test_every_county_owned_table_has_a_county_column_that_cannot_be_empty():
    assert county_owned_models()
    for model in county_owned_models():
        field = model._meta.get_field("county")
        assert field.column == "county_id" and not field.null, model


def test_any_other_county_foreign_key_cannot_be_empty_unless_it_is_a_documented_reference_table():
    text = SCALING.read_text()
    for model, field in county_foreign_keys():
        table = model._meta.db_table
        if table in REFERENCE_WITH_COUNTY or table in COORDINATOR_WITH_COUNTY:
            assert field.null and f"`{table}`" in text, table
        else:
            assert not field.null, table


def test_every_table_that_belongs_to_a_county_through_its_parent_is_named_in_the_scaling_design():
    text = SCALING.read_text()
    missing = [table for table in children_without_county() if f"`{table}`" not in text]
    assert not missing, f"docs/scaling.md does not say how these are distributed: {missing}"


# ---------------------------------------------------------------- the queries of a county

PAGES = [
    ("leader", "/projects/?year=2025&month=12"),
    ("leader", "/projects/statistics/?year=2025&month=12"),
    ("leader", "/projects/reporting/?year=2025&month=12"),
    ("leader", "/investment/?year=2025&period=year"),
    ("leader", "/investment/board/"),
    ("leader", "/investment/activities/"),
    ("leader", "/investment/agreements/"),
    ("leader", "/investment/events/"),
    ("leader", "/investment/teams/?year=2025&period=year"),
    ("leader", "/appeals/"),
    ("yingshang", "/appeals/inbox/"),
    ("leader", "/appeals/papers/"),
    ("leader", "/appeals/scorecards/?start=2025-01-01&end=2025-12-31"),
    ("leader", "/appeals/categories/"),
    ("leader", "/indicators/county/140725/?period=2025-12"),
    ("leader", "/enterprises/"),
    ("leader", "/departments/"),
    ("leader", "/cockpit/"),
]


REFERENCE = re.compile(
    r'FROM\s+"(\w+)"(?:\s+(?!ON\b|WHERE\b|INNER\b|LEFT\b|GROUP\b|ORDER\b|LIMIT\b)(\w+))?'
)


def references(sql: str) -> list[tuple[str, str]]:
    """(table, the name its columns go by) of every FROM, subqueries included. (A JOIN along
    a foreign key hangs off a row the FROM has already placed; docs/scaling.md says how such
    joins carry the county on Citus.)"""
    return [(table, alias or f'"{table}"') for table, alias in REFERENCE.findall(sql)]


def filters_county(sql: str, name: str) -> bool:
    """The table (by its name or alias) is filtered on its county column by county codes
    (``= '140725'``, ``IN ('140725', …)``) or joined on it to another county column (a
    co-located join): what lets a distributed database keep the statement on the shards of
    those counties."""
    column = rf'{re.escape(name)}\."county_id"'
    by_code = rf"{column}\s*(?:=\s*'\d{{6}}'|IN\s*\(\s*'\d{{6}}')"
    joined = rf'{column}\s*=\s*\(?\s*(?:"\w+"|\w+)\."county_id"|"county_id"\s*=\s*\(?\s*{column}'
    return re.search(by_code, sql) is not None or re.search(joined, sql) is not None


def distributed_tables() -> set[str]:
    owned = {m._meta.db_table for m in county_owned_models()}
    return (owned | set(children_without_county())) - REFERENCE_TABLES


def places_county(sql: str, table: str, name: str, children: set[str]) -> bool:
    """A table without a county column yet (a child) is placed by its parent's filter."""
    if table in children:
        return re.search(r""""county_id"\s*(?:=\s*'\d{6}'|IN\s*\(\s*'\d{6}')""", sql) is not None
    return filters_county(sql, name)


def unfiltered_statements(sqls: list[str]) -> list[str]:
    distributed, children = distributed_tables(), set(children_without_county())
    return [
        sql
        for sql in sqls
        if any(
            table in distributed and not places_county(sql, table, name, children)
            for table, name in references(sql)
        )
        and not any(pattern.search(sql) for pattern in (*FAN_OUT.values(), *KNOWN_GAPS.values()))
    ]


@pytest.mark.parametrize(("persona", "url"), PAGES)
def test_every_query_of_a_county_page_filters_on_the_county_column(
    personas, client_for, persona, url
):
    generate(2, volume=TEST_SIZES[0])
    client = client_for(getattr(personas, persona))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    bad = unfiltered_statements([q["sql"] for q in captured])
    assert not bad, "\n\n".join(bad)


def test_the_check_finds_a_statement_that_reads_a_distributed_table_of_every_county():
    unfiltered = """SELECT "appeals_appeal"."id" FROM "appeals_appeal"
        WHERE "appeals_appeal"."status" = 'closed'"""
    joined = """SELECT 1 FROM "appeals_appeal" INNER JOIN "regions_division"
        ON ("appeals_appeal"."county_id" = "regions_division"."code")"""
    subquery = """SELECT 1 FROM "investment_agreement"
        WHERE "investment_agreement"."county_id" = '140725' AND "investment_agreement"."project_id"
        IN (SELECT V0."id" FROM "projects_project" V0 WHERE V0."level" = 'city')"""
    filtered = """SELECT 1 FROM "appeals_appeal" WHERE "appeals_appeal"."county_id" = '140725'"""
    in_list = """SELECT 1 FROM "projects_project" U0 WHERE U0."county_id" IN ('140702', '140725')"""
    colocated = """SELECT (SELECT SUM(U0."investment") FROM "projects_monthlyreport" U0
        WHERE U0."project_id" = ("projects_project"."id")
        AND U0."county_id" = ("projects_project"."county_id")) FROM "projects_project"
        WHERE "projects_project"."county_id" = '140725'"""
    child = """SELECT 1 FROM "appeals_transition" INNER JOIN "appeals_appeal"
        ON ("appeals_transition"."appeal_id" = "appeals_appeal"."id")
        WHERE "appeals_appeal"."county_id" = '140725'"""
    reference = """SELECT 1 FROM "directory_department" WHERE "directory_department"."id" = 4"""
    statements = [unfiltered, joined, subquery, filtered, in_list, colocated, child, reference]
    assert unfiltered_statements(statements) == [unfiltered, joined, subquery]
