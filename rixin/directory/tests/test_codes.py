import pytest
from django.core.exceptions import ValidationError

from rixin.demo.codes import illustrative_credit_code
from rixin.directory.industries import validate_industry_code
from rixin.directory.models import validate_credit_code


@pytest.mark.parametrize(
    "code",
    ["91140725MA0GW1QX7Q", "", "91140725MA0GW1QX7", "9114072517120813XQ", "I1140725171208130P"],
)
def test_invalid_credit_codes_are_refused(code):
    with pytest.raises(ValidationError):
        validate_credit_code(code)


def test_generated_illustrative_codes_pass_gb_32100():
    for seed in ("甲", "乙", "丙"):
        validate_credit_code(illustrative_credit_code(seed))


@pytest.mark.parametrize("code", ["C", "C22", "C222", "C2221", "B06", "T97"])
def test_valid_industry_codes(code):
    validate_industry_code(code)


@pytest.mark.parametrize("code", ["C05", "Z", "22", "C2", "A13", "C22211"])
def test_invalid_industry_codes_name_the_problem(code):
    with pytest.raises(ValidationError):
        validate_industry_code(code)
