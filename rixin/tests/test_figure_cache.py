"""The cockpit's and the city view's figures are cached under their county's data version:
after a write through any kind of action the next page shows the new figure, a hit costs a
few queries, and a write rolled back changes no version. On the Shouyang demo (2024年上半年)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rixin import figurecache
from rixin.accounts.access import system_actor
from rixin.cockpit import figures, views
from rixin.cockpit.periods import CockpitPeriod

pytestmark = pytest.mark.django_db

SHOUYANG = "140725"
JINZHONG = "140700"
H1 = "2024H1"
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def cached(settings):
    """The figure cache on, in memory, empty."""
    settings.CACHES = LOCMEM
    settings.RIXIN_FIGURE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def leader(demo_user, client_for):
    return client_for(demo_user("sy_leader"))


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a write as if its transaction committed: its commit callbacks run at the end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def shown(client, period: str = H1) -> tuple:
    """What the cockpit page shows: its headline figures, departments, red list and charts."""
    response = client.get(reverse("cockpit") + f"?period={period}")
    assert response.status_code == 200
    c = response.context
    return (c["figures"], c["departments"], c["red_total"], c["charts"])


def computed_afresh(period: str = H1) -> tuple:
    """The same figures computed now, without the cache."""
    period = CockpitPeriod.parse(period)
    fresh = views._county_computed(SHOUYANG, period, figures.UNSTARTED_MONTHS)
    return (
        fresh["figures"],
        fresh["departments"],
        fresh["red"].total,
        views._charts(fresh["figures"], fresh["departments"], fresh),
    )


def clone(obj, **changes) -> dict:
    """The fields of a demo row, to create another like it through its action."""
    skip = {"id", "version", "county", "created", "modified", "updated"}
    fields = {
        f.name: getattr(obj, f.name)
        for f in obj._meta.concrete_fields
        if f.name not in skip
        and not f.auto_created
        and not getattr(f, "auto_now", False)
        and not getattr(f, "auto_now_add", False)
    }
    return {**fields, **changes}


def assert_page_follows(client, committed, write, period: str = H1) -> None:
    """The page is cached (a second render is a hit), ``write`` changes a figure, and the next
    page shows the figures as computed afresh."""
    before = shown(client, period)
    assert shown(client, period) == before
    with committed():
        write()
    after = computed_afresh(period)
    assert after != before, "the write changed no figure of the page"
    assert shown(client, period) == after


# ---------------------------------------------------------------- projects


def _project(**filters):
    from rixin.projects.models import Project

    return Project.objects.filter(county_id=SHOUYANG, **filters).order_by("pk").first()


def test_project_created_shows(cached, leader, committed):
    from rixin.projects import actions

    model = _project()
    fields = clone(model, name="缓存测试项目", code="2024-140725-44-01-999901")
    fields.pop("status")

    def write():
        actions.create_project(
            acting_user=system_actor(),
            county=model.county,
            at=at(datetime.date(2024, 3, 1)),
            **fields,
        )

    assert_page_follows(leader, committed, write)


def test_project_edited_shows(cached, leader, committed):
    from rixin.projects import actions

    project = _project()
    assert_page_follows(
        leader,
        committed,
        lambda: actions.update_project(
            project,
            {"total_investment": project.total_investment + Decimal(12345)},
            acting_user=system_actor(),
        ),
    )


def test_project_status_change_shows(cached, leader, committed):
    """A project planned to start in 2024 starts (recorded after the fact) in May: 开工率."""
    from rixin.projects import actions
    from rixin.projects.choices import ProjectStatus
    from rixin.projects.models import AnnualPlan

    plan = (
        AnnualPlan.objects.filter(
            county_id=SHOUYANG,
            year=2024,
            plans_start=True,
            project__status__in=[ProjectStatus.RESERVE, ProjectStatus.PREPARATION],
        )
        .select_related("project")
        .order_by("pk")
        .first()
    )
    assert_page_follows(
        leader,
        committed,
        lambda: actions.change_status(
            plan.project,
            ProjectStatus.NEW_START,
            acting_user=system_actor(),
            at=at(datetime.date(2024, 5, 1)),
        ),
    )


def test_annual_plan_shows(cached, leader, committed):
    from rixin.projects import actions
    from rixin.projects.models import AnnualPlan

    plan = AnnualPlan.objects.filter(county_id=SHOUYANG, year=2024).order_by("pk").first()
    assert_page_follows(
        leader,
        committed,
        lambda: actions.save_annual_plan(
            plan.project,
            acting_user=system_actor(),
            year=2024,
            planned_investment=plan.planned_investment + Decimal(5000),
        ),
    )


def _report():
    from rixin.projects.models import MonthlyReport

    return (
        MonthlyReport.objects.filter(county_id=SHOUYANG, year=2024, month=6)
        .exclude(investment=None)
        .order_by("pk")
        .first()
    )


def test_monthly_report_shows(cached, leader, committed):
    from rixin.projects import actions

    report = _report()
    assert_page_follows(
        leader,
        committed,
        lambda: actions.submit_monthly_report(
            report.project,
            acting_user=system_actor(),
            year=2024,
            month=6,
            investment=report.investment + Decimal(777),
            physical_progress=report.physical_progress,
            today=datetime.date(2024, 7, 3),
        ),
    )


def test_imported_monthly_reports_show(cached, leader, committed):
    from rixin.projects import actions

    report = _report()
    entry = actions.ReportEntry(
        report.project, 2024, 6, report.investment + Decimal(555), report.physical_progress
    )
    assert_page_follows(
        leader,
        committed,
        lambda: actions.import_monthly_reports(
            [entry], acting_user=system_actor(), today=datetime.date(2024, 7, 3)
        ),
    )


def test_milestone_shows(cached, leader, committed):
    from rixin.projects import actions
    from rixin.projects.choices import MilestoneType

    project = _project()
    assert_page_follows(
        leader,
        committed,
        lambda: actions.add_milestone(
            project,
            acting_user=system_actor(),
            name="缓存测试节点",
            type=MilestoneType.CONSTRUCTION_START,
            due_date=datetime.date(2024, 5, 1),
        ),
    )


# ---------------------------------------------------------------- investment


def test_agreement_shows(cached, leader, committed):
    from rixin.investment import actions
    from rixin.investment.models import Agreement

    model = Agreement.objects.filter(county_id=SHOUYANG).order_by("pk").first()
    fields = clone(
        model,
        project_name="缓存测试协议项目",
        signed_on=datetime.date(2024, 4, 10),
        lead=None,
        project=None,
    )
    assert_page_follows(
        leader,
        committed,
        lambda: actions.record_agreement(
            acting_user=system_actor(), county=model.county, companies=["缓存测试公司"], **fields
        ),
    )


def test_lead_shows(cached, leader, committed):
    from rixin.investment import actions
    from rixin.investment.choices import Stage
    from rixin.investment.models import Lead

    model = Lead.objects.filter(county_id=SHOUYANG).order_by("pk").first()
    fields = clone(model, stage=Stage.CLUE)
    for name in ("code", "stage_since", "review_opinion", "reviewer", "reviewed_at"):
        fields.pop(name, None)
    assert_page_follows(
        leader,
        committed,
        lambda: actions.create_lead(
            acting_user=system_actor(),
            county=model.county,
            at=at(datetime.date(2024, 3, 1)),
            **fields,
        ),
    )


# ---------------------------------------------------------------- appeals and indicators


def _register_like(model, day: datetime.date):
    """A new appeal like the demo's ``model``, registered on ``day``."""
    from rixin.appeals import actions

    return actions.register_appeal(
        acting_user=system_actor(),
        county=model.county,
        kind=model.kind,
        channel=model.channel,
        category=model.category,
        title="缓存测试诉求",
        content="缓存测试诉求的内容",
        enterprise=model.enterprise,
        at=at(day),
    )


def test_appeal_registered_shows(cached, leader, committed):
    from rixin.appeals.models import Appeal

    model = Appeal.objects.filter(county_id=SHOUYANG).order_by("pk").first()
    assert_page_follows(leader, committed, lambda: _register_like(model, datetime.date(2024, 4, 1)))


def _observation(county: str = SHOUYANG):
    from rixin.indicators.models import Observation

    return (
        Observation.objects.filter(county_id=county, indicator__code="gdp", year=2024, month=6)
        .select_related("indicator", "county")
        .get()
    )


def _correct(observation, value_change: Decimal, rate_change: Decimal):
    from rixin.indicators import actions
    from rixin.indicators.periods import Period

    return actions.save_observation(
        acting_user=system_actor(),
        county=observation.county,
        indicator=observation.indicator,
        period=Period(2024, 6),
        value=observation.value + value_change,
        rate=observation.rate + rate_change,
        reason="缓存测试",
    )


def test_observation_shows(cached, leader, committed):
    observation = _observation()
    assert_page_follows(
        leader, committed, lambda: _correct(observation, Decimal(1), Decimal("0.5"))
    )


def test_another_county_of_the_city_moves_the_ranks(cached, leader, committed):
    """Ranks are among the city's counties: a sibling's figure changes Shouyang's page."""
    from rixin.indicators.models import Observation

    sibling = (
        Observation.objects.filter(
            county__parent_id=JINZHONG, indicator__code="gdp", year=2024, month=6
        )
        .exclude(county_id=SHOUYANG)
        .order_by("county_id")
        .first()
    )
    observation = _observation(sibling.county_id)
    assert_page_follows(leader, committed, lambda: _correct(observation, Decimal(0), Decimal(40)))


# ---------------------------------------------------------------- the cards' modules


def _versions() -> tuple[str, str]:
    return figurecache.data_version(SHOUYANG), figurecache.data_version(JINZHONG)


def cards(client, period: str = H1) -> tuple[list[str], object]:
    response = client.get(reverse("cockpit") + f"?period={period}")
    assert response.status_code == 200
    return response.context["module_cards"], response.wsgi_request


def test_fund_card_shows(cached, leader, committed):
    """The other modules' cards are cached with the figures: a programme's amount changes."""
    from rixin.discovery import cockpit_cards
    from rixin.funds.actions import update_programme
    from rixin.funds.models import Programme

    programme = Programme.objects.filter(county_id=SHOUYANG, year=2024).order_by("pk").first()
    before, request = cards(leader)
    assert cards(leader)[0] == before
    with committed():
        update_programme(
            programme, {"amount": programme.amount + Decimal(1000)}, acting_user=system_actor()
        )
    after = cockpit_cards(SHOUYANG, CockpitPeriod.parse(H1), request)
    assert after != before
    assert cards(leader)[0] == after


@pytest.mark.parametrize("kind", ["park", "fund", "approval stage"])
def test_module_writes_raise_the_county_and_city_versions(demo, committed, kind):
    """Parks, funds and approvals show on the cockpit in their cards, which are cached with
    its figures: their writes raise the versions too."""
    from rixin.approvals.actions import update_stage
    from rixin.approvals.models import Stage
    from rixin.funds.actions import update_programme
    from rixin.funds.models import Programme
    from rixin.parks.actions import update_park
    from rixin.parks.models import Park

    model, update = {
        "park": (Park, update_park),
        "fund": (Programme, update_programme),
        "approval stage": (Stage, update_stage),
    }[kind]
    obj = model.objects.filter(county_id=SHOUYANG).order_by("pk").first()
    before = _versions()
    with committed():
        update(obj, {"name": obj.name + "(改)"}, acting_user=system_actor())
    after = _versions()
    assert after[0] != before[0] and after[1] != before[1]


# ---------------------------------------------------------------- the cache itself


def test_database_cache_shows_the_new_figure(settings, leader, committed):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rixin_cache",
        }
    }
    settings.RIXIN_FIGURE_CACHE_SECONDS = 600
    from rixin.projects import actions

    project = _project()
    assert_page_follows(
        leader,
        committed,
        lambda: actions.update_project(
            project, {"total_investment": project.total_investment + 1}, acting_user=system_actor()
        ),
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_hit_runs_fewer_queries(cached, leader):
    url = reverse("cockpit") + f"?period={H1}"
    miss = _queries(leader, url)
    hit = _queries(leader, url)
    # The hit reads the data versions instead of computing every figure.
    assert hit <= miss - 20, (miss, hit)


def test_the_city_view_is_cached_and_follows_a_write(cached, demo_user, client_for, committed):
    from rixin.cockpit import comparison
    from rixin.cockpit.access import city_counties
    from rixin.regions.models import Division

    viewer = demo_user("jz_viewer")
    client = client_for(viewer)
    url = reverse("city_cockpit", kwargs={"code": JINZHONG}) + f"?period={H1}"
    miss = _queries(client, url)
    first = client.get(url).context["result"]
    assert _queries(client, url) < miss
    with committed():
        _correct(_observation(), Decimal(0), Decimal("0.7"))
    city = Division.objects.get(code=JINZHONG)
    fresh = comparison.compare(city, city_counties(viewer, city), CockpitPeriod.parse(H1))
    assert fresh != first
    assert client.get(url).context["result"] == fresh


def test_a_write_rolled_back_raises_no_version(demo, committed):
    from rixin.projects import actions

    project = _project()
    before = _versions()
    with committed():
        with transaction.atomic():
            actions.update_project(
                project,
                {"total_investment": project.total_investment + 1},
                acting_user=system_actor(),
            )
            transaction.set_rollback(True)
    assert _versions() == before


def test_a_savepoint_rolled_back_does_not_swallow_the_next_write(demo, committed):
    from rixin.projects import actions

    project = _project()
    before = _versions()
    with committed():
        with transaction.atomic():
            with transaction.atomic():
                actions.update_project(project, {"name": "甲"}, acting_user=system_actor())
                transaction.set_rollback(True)
            project.refresh_from_db()
            actions.update_project(project, {"name": "乙"}, acting_user=system_actor())
    assert _versions()[0] != before[0]


def test_many_writes_in_one_transaction_raise_the_versions_once(demo, committed):
    from rixin.projects import actions

    project = _project()
    with committed() as callbacks:
        with transaction.atomic():
            for n in range(5):
                project = actions.update_project(
                    project, {"name": f"项目{n}"}, acting_user=system_actor()
                )
    bumps = [c for c in callbacks if isinstance(c, figurecache._PendingBumps)]
    assert len(bumps) == 1 and bumps[0].scopes == {SHOUYANG}


def test_a_change_of_no_county_raises_every_version_and_an_export_none(demo, committed):
    from rixin.audit.actions import record_event
    from rixin.audit.models import AuditAction

    before = _versions()
    with committed():
        record_event(AuditAction.EXPORT, acting_user=system_actor(), object_type="projects")
    assert _versions() == before
    with committed():
        record_event(
            AuditAction.UPDATE, acting_user=system_actor(), object_type="indicators.indicator"
        )
    after = _versions()
    assert after[0] != before[0] and after[1] != before[1]


class _Unreachable:
    """A cache whose server is down: every call fails, as django-redis's does."""

    def get(self, *args, **kwargs):
        raise ConnectionError("cache server down")

    set = get


def test_a_cache_server_down_costs_speed_not_the_page(cached, leader, monkeypatch, caplog):
    expected = computed_afresh()
    monkeypatch.setattr("django.core.cache.cache", _Unreachable())
    assert shown(leader) == expected
    assert "figure cache unreachable" in caplog.text


def test_a_cache_that_fails_only_to_store_still_answers(cached, leader, monkeypatch, caplog):
    class _Full(_Unreachable):
        def get(self, *args, **kwargs):
            return cache.get(*args, **kwargs)

    monkeypatch.setattr("django.core.cache.cache", _Full())
    assert shown(leader) == computed_afresh()
    assert "not stored" in caplog.text


def test_the_scorecard_page_is_cached_and_follows_a_dispatch(cached, leader, committed):
    from rixin.appeals import actions
    from rixin.appeals.models import Appeal

    url = reverse("scorecards") + "?start=2024-01-01&end=2024-12-31"
    leader.get(reverse("scorecards") + "?start=2023-01-01&end=2023-12-31")  # the session's first
    miss = _queries(leader, url)
    first = {c.department.pk: c.dispatched for c in leader.get(url).context["scorecards"]}
    assert _queries(leader, url) <= miss - 3
    model = Appeal.objects.filter(county_id=SHOUYANG).order_by("pk").first()
    lead = model.assignments.order_by("pk").first().department
    with committed():
        appeal = _register_like(model, datetime.date(2024, 7, 1))
        actions.dispatch_appeal(
            appeal,
            acting_user=system_actor(),
            lead=lead,
            deadline_days=5,
            at=at(datetime.date(2024, 7, 1)),
        )
    fresh = {c.department.pk: c.dispatched for c in leader.get(url).context["scorecards"]}
    assert fresh[lead.pk] == first.get(lead.pk, 0) + 1


def test_the_kpi_page_is_cached_and_follows_an_agreement(cached, leader, committed):
    from rixin.investment import actions
    from rixin.investment.models import Agreement

    url = reverse("investment:kpi") + "?year=2024&period=year"
    leader.get(reverse("investment:kpi") + "?year=2023&period=year")  # the session's first request
    miss = _queries(leader, url)
    before = leader.get(url).context["total"].signed_amount
    assert _queries(leader, url) <= miss - 3
    model = Agreement.objects.filter(county_id=SHOUYANG).order_by("pk").first()
    fields = clone(
        model,
        project_name="缓存测试协议项目",
        signed_on=datetime.date(2024, 4, 10),
        amount=Decimal(12345),
        lead=None,
        project=None,
    )
    with committed():
        actions.record_agreement(
            acting_user=system_actor(), county=model.county, companies=["缓存测试公司"], **fields
        )
    assert leader.get(url).context["total"].signed_amount == before + Decimal(12345)
