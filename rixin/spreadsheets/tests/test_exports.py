"""Every export route's file opens, carries a known value, and is named in Chinese."""

import shutil
import subprocess
from io import BytesIO
from urllib.parse import quote

import pytest
from django.test import Client
from docx import Document
from openpyxl import load_workbook

from rixin.spreadsheets.exports import Sheet, ascii_fallback, build_workbook, content_disposition

pytestmark = pytest.mark.django_db


def _client(username: str) -> Client:
    from rixin.accounts.models import User

    client = Client()
    client.force_login(
        User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend"
    )
    return client


def _workbook_values(content: bytes) -> set:
    sheet = load_workbook(BytesIO(content)).active
    return {v for row in sheet.iter_rows(values_only=True) for v in row if v is not None}


def _paper_pk() -> int:
    from rixin.appeals.models import Paper

    return Paper.objects.order_by("pk").first().pk


XLSX_ROUTES = [
    (
        "sy_fagai",
        "/projects/export.xlsx?year=2024&month=7",
        "七元煤矿",
        "寿阳县-2024年7月-项目库.xlsx",
    ),
    (
        "sy_fagai",
        "/projects/reporting/template.xlsx?year=2024&month=7",
        "项目ID",
        "寿阳县-2024年7月-月度投资填报.xlsx",
    ),
    ("sy_leader", "/indicators/matrix/export.xlsx", "县(市、区)代码", None),
    ("sy_tongji", "/indicators/entry/template.xlsx", "县(市、区)代码", None),
    ("auditor", "/audit/export.xlsx", None, "审计日志.xlsx"),
    ("sy_yingshang", "/appeals/export.xlsx", None, "诉求台账.xlsx"),
    ("sy_fagai", "/enterprises/export.xlsx", "山西强伟纸业有限公司", "企业名录.xlsx"),
    ("sy_fagai", "/enterprises/template.xlsx", "统一社会信用代码", "企业名录导入模板.xlsx"),
    ("sy_zhaoshang", "/investment/leads/export.xlsx", "企业名称", "招商线索.xlsx"),
    ("sy_zhaoshang", "/investment/leads/template.xlsx", "企业名称", "招商线索导入模板.xlsx"),
    ("sy_zhaoshang", "/investment/agreements/export.xlsx", "签约企业", "签约协议.xlsx"),
]


@pytest.mark.parametrize(("username", "url", "known", "name"), XLSX_ROUTES)
def test_every_xlsx_export_opens_with_a_known_value(demo, username, url, known, name):  # noqa: F811
    response = _client(username).get(url)
    assert response.status_code == 200, response.content[:300]
    values = _workbook_values(response.content)
    assert len(values) > 1
    if known:
        assert known in {str(v) for v in values} or any(known in str(v) for v in values)
    disposition = response["Content-Disposition"]
    assert 'filename="' in disposition and "filename*=UTF-8''" in disposition
    ascii_part = disposition.split('filename="')[1].split('"')[0]
    assert ascii_part.isascii() and ascii_part.endswith(".xlsx")
    if name:
        assert disposition.endswith(quote(name))


def test_the_project_library_export_writes_translated_labels(demo):  # noqa: F811
    """A lazy translation reached openpyxl: 500 on the untouched demo."""
    response = _client("sy_leader").get("/projects/export.xlsx")
    assert response.status_code == 200
    assert "七元煤矿" in " ".join(str(v) for v in _workbook_values(response.content))


def test_the_paper_results_and_answer_sheet_open(demo):  # noqa: F811
    client = _client("sy_yingshang")
    results = client.get(f"/appeals/papers/{_paper_pk()}/results.xlsx")
    assert results.status_code == 200
    assert len(_workbook_values(results.content)) > 1
    sheet = client.get(f"/appeals/papers/{_paper_pk()}/answer-sheet.docx")
    assert sheet.status_code == 200
    text = "\n".join(p.text for p in Document(BytesIO(sheet.content)).paragraphs)
    assert "答卷" in text
    assert "filename*=UTF-8''" in sheet["Content-Disposition"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_county_reports_open(demo, fmt, tmp_path):  # noqa: F811
    response = _client("sy_leader").get(f"/reports/140725/2024H1/half.{fmt}")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Disposition"].endswith(quote(f"寿阳县-2024H1-期中答卷.{fmt}"))
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    elif shutil.which("pdftotext"):
        path = tmp_path / "r.pdf"
        path.write_bytes(response.content)
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    else:
        text = "寿阳" if response.content.startswith(b"%PDF") else ""
    assert "寿阳" in text


def test_lazy_labels_and_headers_are_written_as_text():
    from django.utils.translation import gettext_lazy

    content = build_workbook(
        [Sheet(gettext_lazy("项目"), [gettext_lazy("状态")], [[gettext_lazy("正常")]])]
    )
    assert _workbook_values(content) == {"状态", "正常"}


def test_a_chinese_name_gets_an_ascii_fallback():
    assert ascii_fallback("寿阳县-2024年7月-月度投资填报.xlsx") == "2024-7.xlsx"
    assert ascii_fallback("企业名录.xlsx") == "rixin-export.xlsx"
    header = content_disposition("企业名录.xlsx", "enterprises.xlsx")
    assert header == "attachment; filename=\"enterprises.xlsx\"; filename*=UTF-8''" + quote(
        "企业名录.xlsx"
    )
