import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.projects import actions
from rixin.projects.choices import OC4IDS_STATUS, ProjectStatus
from rixin.projects.models import Project, StatusChange

from .factories import project

pytestmark = pytest.mark.django_db


def test_creating_a_project_records_its_first_status(personas):
    item = project(personas.officer)
    change = StatusChange.objects.get(project=item)
    assert (change.old_status, change.new_status) == ("", ProjectStatus.RESERVE)


def test_every_status_change_is_a_row_with_actor_and_reason(personas):
    item = project(personas.officer)
    actions.change_status(item, ProjectStatus.PREPARATION, acting_user=personas.officer)
    actions.change_status(
        item, ProjectStatus.NEW_START, acting_user=personas.officer, reason="手续齐全"
    )
    rows = list(
        StatusChange.objects.filter(project=item).values_list("old_status", "new_status", "reason")
    )
    assert rows[1:] == [
        ("reserve", "preparation", ""),
        ("preparation", "new_start", "手续齐全"),
    ]
    assert StatusChange.objects.filter(project=item).last().actor == personas.officer


def test_termination_needs_a_reason(personas):
    item = project(personas.officer)
    with pytest.raises(ValidationError, match="原因"):
        actions.change_status(item, ProjectStatus.TERMINATED, acting_user=personas.officer)
    actions.change_status(
        item, ProjectStatus.TERMINATED, acting_user=personas.officer, reason="业主撤资"
    )
    assert Project.objects.get(pk=item.pk).status == ProjectStatus.TERMINATED


def test_a_status_cannot_skip_backwards(personas):
    item = project(personas.officer, status=ProjectStatus.COMPLETED)
    with pytest.raises(ValidationError):
        actions.change_status(item, ProjectStatus.PREPARATION, acting_user=personas.officer)


def test_started_means_new_start_or_later_but_not_terminated(personas):
    for status in ProjectStatus.values:
        project(personas.officer, name=status, status=status)
    started = set(Project.objects.started().values_list("status", flat=True))
    assert started == {"new_start", "under_construction", "completed", "operating"}
    assert started == set(ProjectStatus.STARTED)


def test_every_status_maps_to_an_oc4ids_status():
    assert set(OC4IDS_STATUS) == set(ProjectStatus.values)


def test_officer_may_not_change_a_project_of_another_department(personas):
    item = project(personas.officer, department=personas.transport.department)
    with pytest.raises(PermissionDenied):
        actions.change_status(item, ProjectStatus.PREPARATION, acting_user=personas.tongji)
    actions.change_status(item, ProjectStatus.PREPARATION, acting_user=personas.transport)
    assert StatusChange.objects.filter(project=item).count() == 2
