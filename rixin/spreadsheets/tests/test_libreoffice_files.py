"""Files written by LibreOffice (.xls, .ods, and its .xlsx) import like Excel's."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.spreadsheets import imports
from rixin.testing import upload

pytestmark = pytest.mark.django_db
DATA = Path(settings.BASE_DIR) / "tests" / "data" / "spreadsheets"
NAMES = ["办公软件企业甲", "办公软件企业乙", "办公软件企业丙"]


@pytest.mark.parametrize("suffix", ["xls", "ods", "xlsx"])
def test_a_libreoffice_file_imports_every_row(personas, suffix):
    content = (DATA / f"enterprises-libreoffice.{suffix}").read_bytes()
    batch = imports.preview(
        EnterpriseImporter(personas.officer), upload(f"enterprises.{suffix}", content)
    )
    assert batch.errors == []
    assert batch.summary["counts"] == {"create": 3}
    imports.commit(batch, EnterpriseImporter(personas.officer))
    assert sorted(
        Enterprise.objects.filter(name__in=NAMES).values_list("name", flat=True)
    ) == sorted(NAMES)
    second = Enterprise.objects.get(name="办公软件企业乙")
    assert second.is_high_tech and second.high_tech_certified_on == datetime.date(2023, 5, 6)
    assert Enterprise.objects.get(name="办公软件企业丙").address == "寿阳县朝阳镇1号"
