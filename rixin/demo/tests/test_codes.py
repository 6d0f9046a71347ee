"""Codes and sites of illustrative projects."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from rixin.demo.codes import COUNTY_BOXES, illustrative_location, illustrative_project_code
from rixin.projects.validators import PROJECT_CODE, validate_project_code
from rixin.regions.data import JINZHONG_COUNTIES


def test_a_project_code_has_24_characters_in_the_platforms_format():
    code = illustrative_project_code("140725", 2024, 7, "infrastructure")
    assert code == "2024-140725-48-03-000007" and len(code) == 24
    assert PROJECT_CODE.match(code)


def test_a_code_outside_the_format_is_refused():
    with pytest.raises(ValidationError):
        illustrative_project_code("140725", 2024, 10**6)


def test_every_jinzhong_county_has_a_box_inside_shanxi():
    assert set(COUNTY_BOXES) == {code for code, _n, _e in JINZHONG_COUNTIES}
    for south, west, north, east in COUNTY_BOXES.values():
        assert Decimal(34) < south < north < Decimal(41)
        assert Decimal(110) < west < east < Decimal(115)


@pytest.mark.parametrize("serial", range(1, 40))
def test_a_location_is_stable_and_inside_its_county(serial):
    where = illustrative_location("140725", serial, "industrial", 2024)
    assert where == illustrative_location("140725", serial, "industrial", 2024)
    validate_project_code(where["code"])
    south, west, north, east = COUNTY_BOXES["140725"]
    assert south <= where["latitude"] <= north and west <= where["longitude"] <= east


def test_an_invented_county_gets_a_code_and_no_site():
    assert illustrative_location("140140", 3, "livelihood", 2023) == {
        "code": "2023-140140-84-03-000003"
    }
