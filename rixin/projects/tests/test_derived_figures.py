import datetime
from decimal import Decimal

import pytest

from rixin.projects import actions
from rixin.projects.choices import Health, ProjectStatus
from rixin.projects.models import AnnualPlan, Project, ProjectSettings, elapsed_share

from .factories import project, report

pytestmark = pytest.mark.django_db
RULES = ProjectSettings(county_id="140725")


def _figures(item, month=6, reference=datetime.date(2024, 6, 30)):
    row = Project.objects.with_progress(2024, month).get(pk=item.pk)
    return row.progress(month, RULES, reference=reference)


def test_elapsed_share_of_the_year():
    assert elapsed_share(2024, datetime.date(2024, 12, 31)) == 1
    assert elapsed_share(2024, datetime.date(2025, 1, 1)) == 1
    assert elapsed_share(2024, datetime.date(2023, 12, 1)) == 0
    assert round(elapsed_share(2024, datetime.date(2024, 6, 30)) * 100, 1) == Decimal("49.7")


def test_year_to_date_and_since_start_are_sums_of_monthly_reports(personas):
    item = project(personas.transport, total_investment=Decimal("1000"))
    report(personas.transport, item, 12, "100", year=2023)
    for month, amount in [(1, "10"), (2, "20"), (7, "999")]:
        report(personas.transport, item, month, amount)
    actions.save_annual_plan(
        item, acting_user=personas.transport, year=2024, planned_investment=Decimal("120")
    )
    figures = _figures(item)
    assert figures.completed_this_year == Decimal("30")
    assert figures.completed_since_start == Decimal("130")
    assert figures.financial == Decimal("13.00")
    assert figures.against_annual_plan == Decimal("25.00")
    assert figures.planned_to_date == Decimal("60.00")
    assert figures.against_plan_to_date == Decimal("50.00")


def test_monthly_plan_sets_the_plan_to_date(personas):
    item = project(personas.transport)
    plan = [10, 10, 10, 10, 10, 50, 0, 0, 0, 0, 0, 0]
    actions.save_annual_plan(
        item,
        acting_user=personas.transport,
        year=2024,
        planned_investment=Decimal("100"),
        monthly_plan=plan,
    )
    assert AnnualPlan.objects.get(project=item).planned_through(6) == Decimal("100")


def test_monthly_plan_must_add_up_to_the_annual_plan(personas):
    from django.core.exceptions import ValidationError

    item = project(personas.transport)
    with pytest.raises(ValidationError, match="不符"):
        actions.save_annual_plan(
            item,
            acting_user=personas.transport,
            year=2024,
            planned_investment=Decimal("100"),
            monthly_plan=[1] * 12,
        )


@pytest.mark.parametrize(
    ("completed", "health"),
    [("65", Health.AHEAD), ("50", Health.NORMAL), ("41", Health.NORMAL), ("39", Health.BEHIND)],
)
def test_schedule_health_compares_completion_with_time_elapsed(personas, completed, health):
    item = project(personas.transport)
    actions.save_annual_plan(
        item, acting_user=personas.transport, year=2024, planned_investment=Decimal("100")
    )
    report(personas.transport, item, 6, completed)
    assert _figures(item).health == health


def test_health_thresholds_are_per_county(personas):
    item = project(personas.transport)
    actions.save_annual_plan(
        item, acting_user=personas.transport, year=2024, planned_investment=Decimal("100")
    )
    report(personas.transport, item, 6, "45")
    strict = ProjectSettings(county_id="140725", behind_margin=Decimal("2"))
    row = Project.objects.with_progress(2024, 6).get(pk=item.pk)
    assert row.progress(6, strict, reference=datetime.date(2024, 6, 30)).health == Health.BEHIND


def test_no_plan_means_no_health(personas):
    item = project(personas.transport)
    assert _figures(item).health is None


def test_physical_progress_is_the_latest_reported(personas):
    item = project(personas.transport)
    report(personas.transport, item, 4, "1", physical_progress=Decimal("30"))
    report(personas.transport, item, 5, "1", physical_progress=Decimal("45"))
    report(personas.transport, item, 6, "1")
    assert _figures(item).physical == Decimal("45")


def test_start_and_completion_rates(personas):
    def planned(name, status, start, finish):
        item = project(personas.officer, name=name, status=status)
        actions.save_annual_plan(
            item,
            acting_user=personas.officer,
            year=2024,
            planned_investment=Decimal("1"),
            plans_start=start,
            plans_completion=finish,
        )

    planned("甲", ProjectStatus.NEW_START, True, False)
    planned("乙", ProjectStatus.PREPARATION, True, False)
    planned("丙", ProjectStatus.TERMINATED, True, False)
    planned("丁", ProjectStatus.COMPLETED, True, True)
    planned("戊", ProjectStatus.UNDER_CONSTRUCTION, False, True)
    rates = AnnualPlan.objects.filter(year=2024).rates()
    assert (rates["started"], rates["planned_start"], rates["start_rate"]) == (
        2,
        4,
        Decimal("50.00"),
    )
    assert (rates["finished"], rates["planned_completion"], rates["completion_rate"]) == (
        1,
        2,
        Decimal("50.00"),
    )


def test_milestone_past_its_date_and_not_met_is_overdue(personas):
    from rixin.projects.models import Milestone

    item = project(personas.transport)
    late = actions.add_milestone(
        item,
        acting_user=personas.transport,
        name="取得施工许可",
        type="approval",
        due_date=datetime.date(2024, 5, 1),
    )
    actions.add_milestone(
        item,
        acting_user=personas.transport,
        name="开工",
        type="construction_start",
        due_date=datetime.date(2024, 5, 1),
        status="met",
        met_on=datetime.date(2024, 4, 28),
    )
    actions.add_milestone(
        item,
        acting_user=personas.transport,
        name="竣工",
        type="completion",
        due_date=datetime.date(2024, 12, 1),
    )
    reference = datetime.date(2024, 7, 24)
    assert list(Milestone.objects.overdue(reference)) == [late]
    assert late.is_overdue(reference)
