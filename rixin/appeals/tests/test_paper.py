"""The monthly paper: 出卷, the .docx answer sheet, the result sheet."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from rixin.appeals import actions
from rixin.appeals.choices import PaperStatus
from rixin.testing import division

from .factories import answered, dispatched, moment

JULY = datetime.date(2024, 7, 1)


def _issue(personas):
    return actions.issue_paper(division("140725"), JULY, acting_user=personas.gongshanglian)


def test_issuing_the_paper_collects_the_months_appeals(personas):
    july = answered(personas, at=moment("2024-07-03"))
    august = dispatched(personas, at=moment("2024-08-01"))
    paper = _issue(personas)
    assert paper.status == PaperStatus.ISSUED and paper.title == "2024年7月卷"
    assert list(paper.appeals.all()) == [july]
    august.refresh_from_db()
    assert august.paper is None


def test_a_paper_is_issued_once(personas):
    _issue(personas)
    with pytest.raises(ValidationError):
        _issue(personas)


def test_only_the_desk_issues_the_paper(personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.issue_paper(division("140725"), JULY, acting_user=personas.officer)


def test_the_answer_sheet_downloads_as_docx_with_each_appeal(personas, client_for):
    appeal = answered(personas, at=moment("2024-07-03"))
    paper = _issue(personas)
    response = client_for(personas.leader).get(f"/appeals/papers/{paper.pk}/answer-sheet.docx")
    assert response.status_code == 200
    document = Document(BytesIO(response.content))
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert appeal.number in cells and appeal.answer_solution in cells and "待阅卷" in cells


def test_the_result_sheet_gives_counts_rates_and_what_is_carried(personas, client_for):
    closed = answered(personas, at=moment("2024-07-03"))
    actions.mark_answer(
        closed,
        acting_user=personas.enterprise_user,
        satisfaction="satisfied",
        resolution="resolved",
    )
    carried = dispatched(personas, at=moment("2024-07-05"), title="仍在办理")
    paper = _issue(personas)
    page = client_for(personas.gongshanglian).get(f"/appeals/papers/{paper.pk}/").content.decode()
    assert "100%" in page  # 满意率
    carried_section = page.split('data-testid="carried"')[1]
    assert carried.number in carried_section and closed.number not in carried_section
