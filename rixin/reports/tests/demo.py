"""The text of the generated files as a reader (pdftotext, python-docx) sees it, and a project
that reports, built through the actions. The demo itself is the root ``demo`` fixture."""

from __future__ import annotations

import re
import subprocess
import tempfile
from io import BytesIO
from pathlib import Path


def flat(text: str) -> str:
    """Text without any whitespace: line breaks and the spaces a layout adds disappear, and
    the sentences (which contain no spaces) can be searched for whole."""
    return re.sub(r"\s+", "", text)


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(content)
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


def docx_text(content: bytes) -> str:
    from docx import Document

    document = Document(BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def a_project_reporting(year: int, month: int):
    """A Shouyang project with one monthly report, built through the actions."""
    import datetime
    from decimal import Decimal

    from rixin.accounts.access import system_actor
    from rixin.directory.choices import DepartmentKind
    from rixin.projects import actions
    from rixin.projects.choices import ProjectCategory
    from rixin.testing import SHOUYANG, division, make_department

    actor = system_actor()
    project = actions.create_project(
        acting_user=actor,
        county=division(SHOUYANG),
        name="测试项目",
        category=ProjectCategory.INDUSTRIAL,
        department=make_department(SHOUYANG, DepartmentKind.DEVELOPMENT_REFORM),
        total_investment=Decimal("1000"),
        at=datetime.datetime(year, month, 1, 9, tzinfo=datetime.UTC),  # in the library by then
    )
    actions.submit_monthly_report(
        project, acting_user=actor, year=year, month=month, investment=Decimal("10")
    )
    return project


def pdf_body(content: bytes) -> str:
    """The PDF's text flattened, without the running header, the 草稿 mark and the page
    numbers, so that a paragraph broken across pages reads whole."""
    pages = []
    for page in pdf_text(content).split("\f"):
        page = re.sub(r"^.*?工作平稿?台", "", flat(page), count=1)
        pages.append(re.sub(r"第\d+页,共\d+页$", "", page))
    return "".join(pages)
