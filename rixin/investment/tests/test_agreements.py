import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.investment.models import Agreement
from rixin.testing import YUCI

from . import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_amount_zero_or_negative_is_refused(personas, amount):
    with pytest.raises(ValidationError) as caught:
        factories.agreement(user=personas.zhaoshang, amount=amount)
    assert "amount" in caught.value.message_dict
    assert not Agreement.objects.exists()


def test_signing_date_in_the_future_is_refused(personas):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="签约日期"):
        factories.agreement(user=personas.zhaoshang, signed_on=tomorrow)
    assert not Agreement.objects.exists()


def test_agreement_without_a_company_is_refused(personas):
    with pytest.raises(ValidationError, match="签约企业"):
        factories.agreement(user=personas.zhaoshang, companies=["", "  "])
    assert not Agreement.objects.exists()


def test_lead_of_another_county_is_refused(personas):
    other = factories.lead(YUCI)
    with pytest.raises(ValidationError, match="其他县"):
        factories.agreement(user=personas.zhaoshang, lead=other)
    assert not Agreement.objects.exists()


def test_duplicate_agreement_is_refused_whatever_the_order_of_companies(personas):
    companies = ["山西路桥集团交通产业开发有限公司", "北京丰越供应链管理有限公司"]
    factories.agreement(user=personas.zhaoshang, companies=companies, project_name="现代物流项目")
    with pytest.raises(ValidationError, match="重复"):
        factories.agreement(
            user=personas.zhaoshang, companies=companies[::-1], project_name="现代物流项目"
        )
    assert Agreement.objects.count() == 1


def test_agreement_names_its_companies_and_links_those_in_the_directory(personas):
    agreement = factories.agreement(
        user=personas.zhaoshang, companies=["山西强伟纸业有限公司", "外地示例公司"]
    )
    parties = list(agreement.parties.all())
    assert [p.company_name for p in parties] == ["山西强伟纸业有限公司", "外地示例公司"]
    assert parties[0].enterprise == personas.enterprise and parties[1].enterprise is None


def test_agreement_takes_team_industry_and_city_from_its_lead(personas):
    from rixin.investment.actions import create_team
    from rixin.testing import division

    team = create_team(acting_user=system_actor(), county=division("140725"), name="新能源专班")
    lead = factories.lead_in_negotiation(team=team, origin_city="苏州", industry="新能源")
    agreement = factories.agreement(user=personas.zhaoshang, lead=lead)
    assert (agreement.team, agreement.origin_city, agreement.industry) == (team, "苏州", "新能源")
