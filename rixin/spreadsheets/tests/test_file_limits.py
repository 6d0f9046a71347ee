"""Malformed sheets get a clear message; bombs and huge files are refused before parsing."""

import pytest

from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.indicators.importers import ObservationImporter
from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead
from rixin.projects.importers import MonthlyReportImporter
from rixin.spreadsheets import imports
from rixin.testing import upload, xlsx_bytes

from . import files

pytestmark = pytest.mark.django_db

IMPORTERS = [
    (EnterpriseImporter, "officer"),
    (LeadImporter, "zhaoshang"),
    (MonthlyReportImporter, "officer"),
    (ObservationImporter, "tongji"),
]


def _valid_file(importer) -> bytes:
    header = [c.header for c in importer.columns]
    return xlsx_bytes([header, ["x"] * len(header)])


@pytest.mark.parametrize(("cls", "persona"), IMPORTERS)
@pytest.mark.parametrize("damage", [files.truncate_member, files.malform_member])
def test_a_malformed_sheet_gets_a_clear_message_in_every_importer(personas, cls, persona, damage):
    importer = cls(getattr(personas, persona))
    content = damage(_valid_file(importer))
    with pytest.raises(imports.FileRejected, match="无法读取该文件"):
        imports.preview(importer, upload("bad.xlsx", content))


@pytest.mark.parametrize(("cls", "persona"), IMPORTERS)
def test_a_truncated_zip_gets_a_clear_message_in_every_importer(personas, cls, persona):
    importer = cls(getattr(personas, persona))
    content = _valid_file(importer)
    with pytest.raises(imports.FileRejected, match="无法读取该文件"):
        imports.preview(importer, upload("cut.xlsx", content[: len(content) // 2]))


def test_the_upload_page_answers_a_malformed_file_with_the_message(personas, client_for):
    content = files.truncate_member(_valid_file(EnterpriseImporter(personas.officer)))
    response = client_for(personas.officer).post(
        "/imports/enterprises/", {"file": upload("bad.xlsx", content)}
    )
    assert response.status_code == 200
    assert "无法读取该文件" in response.content.decode()


@pytest.fixture
def parsing_forbidden(monkeypatch):
    """Fail the test if the workbook reaches the parser: the refusal must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("the file was parsed before it was refused")

    monkeypatch.setattr(imports.CalamineWorkbook, "from_filelike", refuse)


def test_a_zip_bomb_is_refused_before_parsing(personas, parsing_forbidden):
    content = files.zip_bomb(50 * 1024 * 1024)
    assert len(content) < 200 * 1024
    with pytest.raises(imports.FileRejected, match="解压后超过 25 MB"):
        imports.preview(EnterpriseImporter(personas.officer), upload("bomb.xlsx", content))


def test_a_shared_strings_bomb_is_refused_before_parsing(personas, parsing_forbidden):
    content = files.shared_strings_bomb()
    with pytest.raises(imports.FileRejected, match="解压后超过"):
        imports.preview(EnterpriseImporter(personas.officer), upload("bomb.xlsx", content))


def test_a_zip_with_too_many_members_is_refused_before_parsing(personas, parsing_forbidden):
    with pytest.raises(imports.FileRejected, match="内部部件"):
        imports.preview(
            EnterpriseImporter(personas.officer), upload("m.xlsx", files.many_members())
        )


def test_the_caps_are_settings(settings, personas, parsing_forbidden):
    settings.RIXIN_IMPORT_MAX_UNZIPPED_BYTES = 100 * 1024
    content = files.zip_bomb(200 * 1024)
    with pytest.raises(imports.FileRejected, match="解压后超过"):
        EnterpriseImporter(personas.officer).parse(content)


def test_a_file_with_more_rows_than_the_cap_is_refused(settings, personas):
    settings.RIXIN_IMPORT_MAX_ROWS = 10
    names = [f"行数企业{i}" for i in range(11)]
    content = xlsx_bytes(files.enterprise_rows(names))
    with pytest.raises(imports.FileRejected, match="最多10行"):
        imports.preview(EnterpriseImporter(personas.officer), upload("rows.xlsx", content))
    assert not Enterprise.objects.filter(name__in=names).exists()
    settings.RIXIN_IMPORT_MAX_ROWS = 11
    assert EnterpriseImporter(personas.officer).parse(content).row_count == 11


def test_an_exported_lead_list_imports_back_unchanged(personas, client_for):
    from rixin.investment import actions
    from rixin.regions.models import Division

    county = Division.objects.get(code="140725")
    for name in ['=HYPERLINK("http://x")', "+甲公司", "-乙公司", "@丙公司"]:
        actions.create_lead(
            acting_user=personas.zhaoshang,
            county=county,
            source="assigned",
            company_name=name,
            origin_city="太原",
            industry="新材料",
            intended_investment=5000,
        )
    exported = client_for(personas.zhaoshang).get("/investment/leads/export.xlsx")
    assert exported.status_code == 200
    result = LeadImporter(personas.zhaoshang).parse(exported.content)
    assert result.errors == []
    assert result.counts == {"unchanged": 4}
    assert Lead.objects.count() == 4
