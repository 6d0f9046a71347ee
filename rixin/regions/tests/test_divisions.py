import pytest
from django.core.exceptions import ValidationError

from rixin.regions.models import Division
from rixin.regions.validators import validate_division_code

pytestmark = pytest.mark.django_db


def test_jinzhong_has_its_eleven_county_level_units():
    codes = Division.objects.get(code="140700").county_codes()
    assert len(codes) == 11 and "140725" in codes and "140781" in codes


@pytest.mark.parametrize("code", ["14072", "1407255", "ABCDEF", "990725", ""])
def test_malformed_division_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_division_code(code)


def test_level_must_match_the_code():
    with pytest.raises(ValidationError):
        Division(code="140799", name="x", level="city", parent_id="140700").full_clean()


def test_province_covers_its_counties():
    assert "140725" in Division.objects.get(code="140000").county_codes()
