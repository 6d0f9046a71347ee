"""manage.py make_report writes one county's files, or every county's of a city."""

import pytest
from django.core.management import CommandError, call_command
from docx import Document

pytestmark = pytest.mark.django_db


def test_one_county_writes_a_file_named_after_county_period_and_kind(tmp_path):
    call_command(
        "make_report", county="140725", period="2024H1", format="docx", output=str(tmp_path)
    )
    path = tmp_path / "寿阳县-2024H1-期中答卷.docx"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert "寿阳县2024年上半年“期中答卷”" in Document(str(path)).paragraphs[0].text


def test_every_written_file_is_recorded_as_the_system_actor(tmp_path):
    from rixin.accounts.roles import Role
    from rixin.audit.models import AuditAction, AuditEvent

    call_command(
        "make_report", county="140725", period="2024H1", format="docx", output=str(tmp_path)
    )
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="reports.report")
    assert event.role == Role.SYSTEM
    assert event.object_id == "140725/2024H1/half.docx"
    assert event.object_repr == "寿阳县-2024H1-期中答卷.docx"


def test_a_city_writes_every_county(tmp_path):
    call_command(
        "make_report", city="140700", period="2024-07", format="docx", output=str(tmp_path)
    )
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 11
    assert "寿阳县-2024-07-月报.docx" in names and "榆次区-2024-07-月报.docx" in names


def test_both_formats_in_english(tmp_path):
    call_command(
        "make_report",
        county="140725",
        period="2024-07",
        format="both",
        language="en",
        output=str(tmp_path),
    )
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".pdf"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"county": "140725", "quarter": "2024H1"}, "--quarter"),
        ({"county": "140725", "year": "2024Q1"}, "--year"),
        ({"county": "140725", "period": "上半年"}, "不是期间"),
        ({"county": "999999", "period": "2024H1"}, "999999"),
        ({"city": "140725", "period": "2024H1"}, "140725"),
    ],
)
def test_bad_arguments_are_named(tmp_path, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("make_report", output=str(tmp_path), **options)


@pytest.mark.parametrize(
    ("options", "name", "title"),
    [
        ({"quarter": "2024Q1"}, "寿阳县-2024Q1-季度报告.docx", "寿阳县2024年第一季度经济运行报告"),
        ({"year": "2024"}, "寿阳县-2024-年度总结.docx", "寿阳县2024年“年度总结”"),
    ],
)
def test_quarterly_and_annual_reports(tmp_path, options, name, title):
    call_command("make_report", county="140725", format="docx", output=str(tmp_path), **options)
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert title in Document(str(tmp_path / name)).paragraphs[0].text
