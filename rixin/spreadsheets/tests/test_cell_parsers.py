"""Cells read as a person means them; what the database cannot hold is refused at once."""

import datetime
from decimal import Decimal

import pytest

from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead
from rixin.spreadsheets import imports
from rixin.spreadsheets.imports import parse_date, parse_decimal, parse_text
from rixin.testing import upload, xlsx_bytes

from .files import with_raw_text

MONEY = Lead._meta.get_field("intended_investment")  # max_digits=14, decimal_places=2


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("１２３４.５", Decimal("1234.50")),
        ("1,234", Decimal("1234.00")),
        ("1,234,567.891", Decimal("1234567.89")),
        ("7300  ", Decimal("7300.00")),
        ("\u30007300\u3000", Decimal("7300.00")),
        ("7300\xa0", Decimal("7300.00")),
        ("１，２３４万元", Decimal("1234.00")),
        (7300.0, Decimal("7300.00")),
        (12, Decimal("12.00")),
    ],
)
def test_numbers_are_read_as_a_person_means_them(cell, expected):
    assert parse_decimal(cell, unit="万元", field=MONEY) == expected


@pytest.mark.parametrize("cell", ["1,2,3", "12,34", "1.2.3", "abc", "1e5", "--5"])
def test_what_is_not_a_number_is_refused(cell):
    with pytest.raises(ValueError, match="不是数字"):
        parse_decimal(cell, unit="万元", field=MONEY)


def test_a_number_in_another_unit_is_refused_with_the_unit_named():
    with pytest.raises(ValueError, match="本列单位为万元"):
        parse_decimal("3.31亿元", unit="万元", field=MONEY)


@pytest.mark.parametrize(
    "cell", ["1" * 30, 1e300, "1" * 13, 1e13, 1e20, float("inf"), float("nan"), Decimal("1E+30")]
)
def test_a_number_the_column_cannot_hold_is_refused_not_raised(cell):
    with pytest.raises(ValueError, match="超出本列可存储的范围"):
        parse_decimal(cell, unit="万元", field=MONEY)


def test_without_a_field_a_number_is_still_bounded():
    with pytest.raises(ValueError, match="超出本列可存储的范围"):
        parse_decimal("1" * 30)
    with pytest.raises(ValueError, match="超出本列可存储的范围"):
        parse_decimal(1e300)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (45497, datetime.date(2024, 7, 24)),
        (45497.0, datetime.date(2024, 7, 24)),
        ("2024-07-24", datetime.date(2024, 7, 24)),
        ("2024/7/24", datetime.date(2024, 7, 24)),
        ("２０２４-０７-２４", datetime.date(2024, 7, 24)),
        ("20240724", datetime.date(2024, 7, 24)),
        ("2024年7月24日", datetime.date(2024, 7, 24)),
        (datetime.datetime(2024, 7, 24, 0, 0), datetime.date(2024, 7, 24)),
    ],
)
def test_dates_and_excel_serials_are_read_as_a_person_means_them(cell, expected):
    assert parse_date(cell) == expected


@pytest.mark.parametrize("cell", [-1, 0.5, 99999999, "2024-13-01", "明天", "2024-07"])
def test_what_is_not_a_date_is_refused(cell):
    with pytest.raises(ValueError, match="不是日期"):
        parse_date(cell)


def test_text_is_nfkc_normalised_and_held_to_its_field():
    field = Lead._meta.get_field("origin_city")  # max_length=40
    assert parse_text("ＡＢＣ　", field=field) == "ABC"
    with pytest.raises(ValueError, match="超过40个字符"):
        parse_text("长" * 41, field=field)
    with pytest.raises(ValueError, match="NUL"):
        parse_text("a\x00b")


LEAD = ["领导交办", "甲公司", "", "太原", "山西", "甲项目", "新材料", "5000", "", "", "", "", ""]


def _lead_preview(officer, nul: bool = False, **cells):
    row = list(LEAD)
    for index, value in cells.items():
        row[int(index[1:])] = value
    content = xlsx_bytes([LeadImporter.header(), row])
    if nul:
        content = with_raw_text(content, "NULMARK", b"_x0000_")
    return imports.preview(LeadImporter(officer), upload("leads.xlsx", content))


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["1e13", 1e13, 1e20, "1" * 30, 1e300, "10000000000000"])
def test_a_lead_amount_the_database_cannot_hold_is_refused_at_preview(personas, amount):
    batch = _lead_preview(personas.zhaoshang, c7=amount)
    assert batch.status == "rejected"
    (error,) = batch.errors
    assert error["row"] == 2 and error["column"] == "意向投资额(万元)"
    assert Lead.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("index", "header"), [(3, "来源城市"), (6, "产业")])
def test_a_lead_text_longer_than_its_field_is_refused_at_preview(personas, index, header):
    batch = _lead_preview(personas.zhaoshang, **{f"c{index}": "长" * 41})
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, header)]
    assert "超过40个字符" in batch.errors[0]["message"]


@pytest.mark.django_db
def test_a_nul_byte_in_any_cell_is_refused_with_its_column(personas):
    batch = _lead_preview(personas.zhaoshang, nul=True, c1="甲NULMARK公司")
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "企业名称")]


@pytest.mark.django_db
def test_full_width_digits_and_separators_import_as_numbers(personas):
    batch = _lead_preview(personas.zhaoshang, c7="５，０００")
    assert batch.errors == []
    imports.commit(batch, LeadImporter(personas.zhaoshang))
    assert Lead.objects.get().intended_investment == Decimal("5000.00")
