import pytest
from django.core.exceptions import ValidationError

from rixin.audit.models import AuditEvent
from rixin.investment import actions
from rixin.investment.models import Agreement
from rixin.projects.choices import ProjectStatus
from rixin.projects.models import Project

from . import factories

pytestmark = pytest.mark.django_db


def test_handoff_creates_a_prefilled_project_and_keeps_the_link(personas, client_for):
    agreement = factories.agreement(
        companies=["山西强伟纸业有限公司"], amount="150000", project_name="生活用纸加工基地项目"
    )
    response = client_for(personas.zhaoshang).post(
        f"/investment/agreements/{agreement.pk}/handoff/"
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    project = agreement.project
    assert (project.name, project.total_investment, project.owner) == (
        "生活用纸加工基地项目",
        150000,
        personas.enterprise,
    )
    assert project.department == personas.zhaoshang.department
    assert project.status == ProjectStatus.RESERVE
    assert AuditEvent.objects.filter(
        object_type="investment.agreement", message="handoff", username="sy_zhaoshang"
    ).exists()


def test_an_agreement_is_handed_over_once(personas):
    agreement = factories.agreement()
    actions.hand_over(agreement, acting_user=personas.zhaoshang)
    with pytest.raises(ValidationError, match="已转入"):
        actions.hand_over(agreement, acting_user=personas.zhaoshang)
    assert Project.objects.count() == 1


def test_agreement_counts_as_started_once_its_project_starts(personas):
    agreement = factories.agreement()
    project = factories.handed_over(agreement)
    assert not Agreement.objects.started().exists()
    from rixin.projects.actions import change_status

    change_status(project, ProjectStatus.NEW_START, acting_user=personas.zhaoshang)
    assert list(Agreement.objects.started()) == [agreement]


def test_other_department_cannot_hand_over_and_nothing_is_written(personas, client_for):
    agreement = factories.agreement()
    response = client_for(personas.officer).post(f"/investment/agreements/{agreement.pk}/handoff/")
    assert response.status_code == 403
    assert not Project.objects.exists()
