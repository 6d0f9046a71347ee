import pytest

from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead
from rixin.spreadsheets.imports import commit, preview
from rixin.testing import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = LeadImporter.header()


def _row(company="上海示例装备有限公司", amount=30000, source="外出考察", team=""):
    return [
        source,
        company,
        "",
        "上海",
        "上海",
        "装备项目",
        "高端装备制造",
        amount,
        50,
        "",
        "",
        "",
        team,
    ]


def _preview(user, rows):
    return preview(LeadImporter(user), upload("leads.xlsx", xlsx_bytes([HEADER, *rows])))


def test_import_creates_leads_and_a_second_import_changes_nothing(personas):
    rows = [_row(), _row(company="杭州示例材料有限公司")]
    batch = _preview(personas.zhaoshang, rows)
    assert not batch.errors
    commit(batch, LeadImporter(personas.zhaoshang))
    assert Lead.objects.count() == 2
    assert all(lead.stage_changes.count() == 1 for lead in Lead.objects.all())
    again = _preview(personas.zhaoshang, rows)
    assert again.summary["counts"] == {"unchanged": 2}


def test_one_bad_row_rejects_the_whole_file_and_names_each_error(personas):
    rows = [
        _row(),
        _row(company="坏行企业", amount="3亿元"),
        _row(company="零额企业", amount=0, source="随便"),
    ]
    batch = _preview(personas.zhaoshang, rows)
    messages = {(e["row"], e["column"]) for e in batch.errors}
    assert {(3, "意向投资额(万元)"), (4, "意向投资额(万元)"), (4, "线索来源")} <= messages
    assert not Lead.objects.exists()


def test_unknown_team_is_reported(personas):
    batch = _preview(personas.zhaoshang, [_row(team="不存在的专班")])
    assert batch.errors[0]["column"] == "负责团队"


def test_only_the_centre_and_county_admin_may_import(personas):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _preview(personas.officer, [_row()])
    assert not Lead.objects.exists()
