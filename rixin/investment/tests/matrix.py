from rixin.accounts.access import system_actor
from rixin.testing import SHOUYANG, YUCI
from rixin.urlmatrix import OTHER_COUNTY, READERS, Route

from . import factories

# Leads and activities: the investment-promotion centre, leaders and the county administrator.
LEAD_READERS = frozenset({"zhaoshang", "leader", "county_admin", "other_leader"})
# Officers of other departments are told nothing exists (404), other roles get 403.
OTHER_OFFICERS_404 = {
    name: 404
    for name in ("officer", "tongji", "yingshang", "gongshanglian", "transport", "other_officer")
}
INVESTMENT_WRITERS = frozenset({"zhaoshang", "county_admin"})
OWN_READERS = READERS - OTHER_COUNTY
OTHER_404 = {"other_officer": 404, "other_leader": 404}


def _lead(p):
    return {"pk": factories.lead(SHOUYANG).pk}, {"pk": factories.lead(YUCI).pk}


def _activity(p):
    def make(county):
        from rixin.investment.actions import record_activity
        from rixin.testing import division

        return record_activity(
            acting_user=system_actor(),
            county=division(county),
            kind="follow_up",
            lead=factories.lead(county),
            start_date="2024-05-01",
            next_contact_on="2024-05-08",
        ).pk

    return {"pk": make(SHOUYANG)}, {"pk": make(YUCI)}


def _event(p):
    from rixin.investment.actions import create_event
    from rixin.testing import division

    def make(county):
        return create_event(
            acting_user=system_actor(),
            county=division(county),
            name="招商引资大会",
            date="2024-05-20",
        ).pk

    return {"pk": make(SHOUYANG)}, {"pk": make(YUCI)}


def _agreement(p):
    return {"pk": factories.agreement(SHOUYANG).pk}, {"pk": factories.agreement(YUCI).pk}


def _team(p):
    from rixin.investment.actions import create_team
    from rixin.testing import division

    def make(county):
        return create_team(
            acting_user=system_actor(), county=division(county), name="新能源专班"
        ).pk

    return {"pk": make(SHOUYANG)}, {"pk": make(YUCI)}


# Bodies the schema accepts and the action refuses (a wrong check digit, a date after today),
# so that a permitted write leaves no row and a refused one is refused for the role.
LEAD_DATA = {
    "source": "walk_in",
    "company_name": "甲企业",
    "credit_code": "91140100MA0K12345X",
    "origin_city": "太原",
    "industry": "新能源",
    "intended_investment": "1",
}
AGREEMENT_DATA = {
    "companies": ["甲企业"],
    "project_name": "甲项目",
    "kind": "framework",
    "amount": "1",
    "signed_on": "2999-05-01",
}

ROUTES = [
    Route("investment:kpi", READERS),
    Route("investment:board", LEAD_READERS, denied=OTHER_OFFICERS_404),
    Route("investment:lead_create", INVESTMENT_WRITERS, denied=OTHER_OFFICERS_404),
    Route("investment:lead_export", LEAD_READERS, denied=OTHER_OFFICERS_404),
    Route("investment:lead_template", INVESTMENT_WRITERS, denied=OTHER_OFFICERS_404),
    Route(
        "investment:lead_detail",
        LEAD_READERS - {"other_leader"},
        objects=_lead,
        denied=OTHER_OFFICERS_404 | {"other_leader": 404},
    ),
    Route("investment:lead_edit", INVESTMENT_WRITERS, objects=_lead, denied=OTHER_OFFICERS_404),
    Route(
        "investment:lead_review",
        INVESTMENT_WRITERS | {"leader"},
        method="post",
        objects=_lead,
        data={"opinion": "pursue"},
        denied=OTHER_OFFICERS_404 | {"other_leader": 404},
    ),
    Route(
        "investment:lead_move",
        INVESTMENT_WRITERS,
        method="post",
        objects=_lead,
        data={"stage": "review"},
        denied=OTHER_OFFICERS_404,
    ),
    Route("investment:activity_list", LEAD_READERS, denied=OTHER_OFFICERS_404),
    Route("investment:activity_create", INVESTMENT_WRITERS, denied=OTHER_OFFICERS_404),
    Route(
        "investment:follow_up_done",
        INVESTMENT_WRITERS,
        method="post",
        objects=_activity,
        denied=OTHER_OFFICERS_404,
    ),
    Route("investment:event_list", READERS),
    Route("investment:event_create", INVESTMENT_WRITERS),
    Route("investment:event_detail", OWN_READERS, objects=_event, denied=OTHER_404),
    Route("investment:agreement_list", READERS),
    Route("investment:agreement_create", INVESTMENT_WRITERS),
    Route("investment:agreement_export", READERS),
    Route("investment:agreement_detail", OWN_READERS, objects=_agreement, denied=OTHER_404),
    Route("investment:agreement_handoff", INVESTMENT_WRITERS, method="post", objects=_agreement),
    Route("investment:team_list", READERS),
    Route("investment:team_create", INVESTMENT_WRITERS),
    Route("investment:team_detail", OWN_READERS, objects=_team, denied=OTHER_404),
    Route("investment:target_create", INVESTMENT_WRITERS),
    Route("investment:lost_reasons", INVESTMENT_WRITERS),
    Route("api:list_leads", LEAD_READERS, denied=OTHER_OFFICERS_404),
    Route(
        "api:get_lead",
        LEAD_READERS - {"other_leader"},
        objects=_lead,
        denied=OTHER_OFFICERS_404 | {"other_leader": 404},
    ),
    Route(
        "api:create_lead",
        INVESTMENT_WRITERS,
        method="post",
        data=LEAD_DATA,
        denied=OTHER_OFFICERS_404,
    ),
    Route(
        "api:move_lead",
        INVESTMENT_WRITERS,
        method="post",
        objects=_lead,
        data={"stage": "review"},
        denied=OTHER_OFFICERS_404,
    ),
    Route(
        "api:review_lead",
        INVESTMENT_WRITERS | {"leader"},
        method="post",
        objects=_lead,
        data={"opinion": "pursue"},
        denied=OTHER_OFFICERS_404 | {"other_leader": 404},
    ),
    Route("api:list_activities", LEAD_READERS, denied=OTHER_OFFICERS_404),
    Route(
        "api:create_activity",
        INVESTMENT_WRITERS,
        method="post",
        data={"kind": "visit", "start_date": "2024-05-01"},
        denied=OTHER_OFFICERS_404,
    ),
    Route("api:list_events", READERS),
    Route(
        "api:create_event",
        INVESTMENT_WRITERS,
        method="post",
        data={"name": "", "date": "2024-05-01"},
    ),
    Route("api:list_agreements", READERS),
    Route("api:get_agreement", OWN_READERS, objects=_agreement, denied=OTHER_404),
    Route(
        "api:create_agreement",
        INVESTMENT_WRITERS,
        method="post",
        data=AGREEMENT_DATA,
    ),
    Route("api:handoff_agreement", INVESTMENT_WRITERS, method="post", objects=_agreement),
    Route("api:list_teams", READERS),
    Route("api:get_kpis", READERS),
]
