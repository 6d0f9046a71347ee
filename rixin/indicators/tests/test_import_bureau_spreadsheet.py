"""The bureaus' spreadsheet: rows = counties, columns = each indicator's value and rate."""

from decimal import Decimal as D

import pytest

from rixin.accounts.access import system_actor
from rixin.indicators.importers import ObservationImporter
from rixin.indicators.models import Indicator, Observation, ObservationRevision
from rixin.spreadsheets.imports import commit, preview
from rixin.testing import upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def sheet(importer, rows):
    header = [c.header for c in importer.columns]
    body = []
    for period, county, cells in rows:
        row = [period, county, ""] + [None] * (len(header) - 3)
        for column_header, value in cells.items():
            row[header.index(column_header)] = value
        body.append(row)
    return upload("indicators.xlsx", xlsx_bytes([header, *body]))


def run(user, rows):
    importer = ObservationImporter(user)
    batch = preview(importer, sheet(importer, rows))
    return importer, batch


def test_city_statistician_imports_all_counties_at_once(personas):
    importer, batch = run(
        personas.city_statistician,
        [
            (
                "2024-06",
                "140725",
                {
                    "地区生产总值(亿元)": "98.03亿元",
                    "地区生产总值增速(%)": 6.2,
                    "规上工业增加值增速(%)": "4.7%",
                },
            ),
            ("2024-06", "140702", {"地区生产总值(亿元)": 298.5, "地区生产总值增速(%)": 5.8}),
        ],
    )
    assert batch.errors == []
    result = commit(batch, ObservationImporter(personas.city_statistician))
    assert result.counts == {"create": 3}
    gdp = Observation.objects.get(county_id="140725", indicator__code="gdp")
    assert (gdp.value, gdp.rate) == (D("980300.00"), D("6.20"))


def test_second_import_of_the_same_period_is_previewed_and_recorded_as_correction(personas):
    row = ("2024-06", "140725", {"地区生产总值增速(%)": 6.0})
    importer, batch = run(personas.tongji, [row])
    commit(batch, ObservationImporter(personas.tongji))
    importer, batch = run(personas.tongji, [("2024-06", "140725", {"地区生产总值增速(%)": 6.2})])
    assert batch.summary["counts"] == {"correction": 1}
    assert "更正为" in batch.summary["changes"][0]["description"]
    commit(batch, ObservationImporter(personas.tongji))
    assert ObservationRevision.objects.get().kind == "correction"


def test_import_rejects_whole_file_on_one_bad_row_and_lists_every_bad_row(personas):
    importer, batch = run(
        personas.city_statistician,
        [
            ("2024-06", "140702", {"地区生产总值增速(%)": 5.8}),
            ("2024-13", "140725", {"地区生产总值增速(%)": 6.2}),
            ("2024-06", "140105", {"地区生产总值增速(%)": 6.2}),
            ("2024-06", "140721", {"地区生产总值增速(%)": 1200}),
            ("2024-06", "140722", {"地区生产总值(亿元)": "98.03万元"}),
            ("2024-06", "140723", {"地区生产总值(亿元)": "九十八"}),
            ("2024-06", "140724", {"规上工业增加值(亿元)": 12}),
        ],
    )
    by_row = {e["row"]: e for e in batch.errors}
    assert batch.status == "rejected" and set(by_row) == {3, 4, 5, 6, 7, 8}
    assert by_row[3]["column"] == "统计期" and "不存在" in by_row[3]["message"]
    assert "不是晋中市的县" in by_row[4]["message"]
    assert "超出范围" in by_row[5]["message"]
    assert "本列单位为亿元" in by_row[6]["message"]
    assert "不是数字" in by_row[7]["message"]
    assert by_row[8]["column"] == "规上工业增加值(亿元)" and "只公布增速" in by_row[8]["message"]
    assert not Observation.objects.exists()


def test_county_officer_may_not_import_another_county(personas):
    importer, batch = run(personas.tongji, [("2024-06", "140702", {"地区生产总值增速(%)": 5})])
    assert "不是您所在的县" in batch.errors[0]["message"]


def test_same_county_and_period_twice_in_one_file_is_refused(personas):
    importer, batch = run(
        personas.city_statistician,
        [
            ("2024-06", "140725", {"地区生产总值增速(%)": 6}),
            ("2024-06", "140725", {"地区生产总值增速(%)": 7}),
        ],
    )
    assert "重复" in batch.errors[0]["message"] and batch.errors[0]["row"] == 3


def test_county_file_has_the_county_own_indicators(personas):
    from rixin.indicators.actions import create_indicator

    create_indicator(
        acting_user=system_actor(),
        county=personas.tongji.division,
        code="tourism",
        name="旅游收入",
        unit="亿元",
    )
    headers = [c.header for c in ObservationImporter(personas.tongji).columns]
    assert "旅游收入(亿元)" in headers
    assert "旅游收入(亿元)" not in [
        c.header for c in ObservationImporter(personas.city_statistician).columns
    ]
    assert Indicator.objects.count() == 10


def test_other_roles_may_not_import(personas):
    assert not ObservationImporter(personas.officer).allowed()
    assert not ObservationImporter(personas.city_viewer).allowed()
    assert ObservationImporter(personas.city_statistician).allowed()
