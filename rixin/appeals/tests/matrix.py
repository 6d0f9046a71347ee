"""Every appeals URL against every persona (see rixin/urlmatrix.py).

The Shouyang object is an appeal of the personas' enterprise, dispatched to the 发改局
(``officer``); the other county's is the same in 榆次区. Officers of departments the appeal
was not dispatched to cannot see it (404)."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from rixin.accounts.access import system_actor
from rixin.appeals import actions
from rixin.appeals.choices import AppealKind, Channel
from rixin.appeals.models import Attachment
from rixin.directory.actions import update_enterprise
from rixin.testing import SHOUYANG, YUCI, division, make_department, make_user
from rixin.urlmatrix import EVERYONE, OTHER_COUNTY, READERS, SHOUYANG_STAFF, Route

from .factories import category

DESK = frozenset({"gongshanglian", "yingshang"})
UNASSIGNED = frozenset({"zhaoshang", "tongji", "transport"})
ENTERPRISE = frozenset({"enterprise_user"})
COUNTY_READERS = READERS - OTHER_COUNTY
OTHER_404 = {"other_officer": 404, "other_leader": 404}
HIDDEN = {name: 404 for name in UNASSIGNED} | OTHER_404


def _appeal_in(personas, county: str):
    if county == SHOUYANG:
        desk, enterprise, lead = (
            personas.gongshanglian,
            personas.enterprise,
            personas.officer.department,
        )
    else:
        desk = make_user(
            "yc_gsl", "officer", YUCI, department=make_department(YUCI, "gongshanglian")
        )
        enterprise, lead = personas.other_enterprise, personas.other_officer.department
    appeal = actions.register_appeal(
        acting_user=desk,
        county=division(county),
        kind=AppealKind.APPEAL,
        channel=Channel.FEDERATION_MONTHLY,
        category=category(personas, county=county),
        title="用电增容",
        content="增容审批慢",
        enterprise=enterprise,
    )
    return actions.dispatch_appeal(appeal, acting_user=desk, lead=lead)


def _appeals(personas):
    return {"pk": _appeal_in(personas, SHOUYANG).pk}, {"pk": _appeal_in(personas, YUCI).pk}


def _step(step):
    def objects(personas):
        own, other = _appeals(personas)
        return {**own, "step": step}, {**other, "step": step}

    return objects


def _paper(personas):
    july = datetime.date(2024, 7, 1)
    own, other = (
        actions.paper_for(division(SHOUYANG), july, acting_user=system_actor()),
        actions.paper_for(division(YUCI), july, acting_user=system_actor()),
    )
    return {"pk": own.pk}, {"pk": other.pk}


def _category(personas):
    return {"pk": category(personas).pk}, {"pk": category(personas, county=YUCI).pk}


MATRIX_PDF = "appeals/matrix/matrix.pdf"


def _attachment(personas):
    # One fixed file under MEDIA_ROOT, reused by every run (the row is made here because
    # the upload action names files by time and would leave one per run).
    if not default_storage.exists(MATRIX_PDF):
        default_storage.save(MATRIX_PDF, ContentFile(b"%PDF-1.4 matrix"))

    def make(county):
        appeal = _appeal_in(personas, county)
        return Attachment.objects.create(
            appeal=appeal,
            file=MATRIX_PDF,
            original_name="x.pdf",
            content_type="application/pdf",
            size=15,
        ).pk

    return {"pk": make(SHOUYANG)}, {"pk": make(YUCI)}


def _public_appeal(personas):
    own = _appeal_in(personas, SHOUYANG)
    actions.publish_appeal(own, True, acting_user=personas.gongshanglian)
    return {"request_id": own.number}, None


def _marking_link(personas):
    """A valid one-time link of an answered Shouyang appeal: whoever holds it opens the page
    (a GET does not use it up)."""
    actor = system_actor()
    update_enterprise(personas.enterprise, {"contact_phone": "13900000000"}, acting_user=actor)
    appeal = _appeal_in(personas, SHOUYANG)
    actions.acknowledge_appeal(appeal, acting_user=actor)
    actions.answer_appeal(appeal, acting_user=actor, solution="已协调增容", post="发改局能源股")
    path = actions.issue_marking_link(appeal, acting_user=actor)
    return {"token": path.rstrip("/").rsplit("/", 1)[-1]}, None


def _catalogue(personas):
    category(personas)
    return {}, None


APPEAL_READERS = READERS | ENTERPRISE
# Who may post a step at all (403 for the rest); the action then decides (403) for the appeal.
STEP_ROLES = (SHOUYANG_STAFF - {"county_admin"}) | {
    "other_officer",
    "other_leader",
    "enterprise_user",
}


def _step_route(step, allowed, data=None):
    refused = STEP_ROLES - allowed
    denied = (
        {name: 403 for name in refused} | {name: 404 for name in UNASSIGNED - allowed} | OTHER_404
    )
    return Route(
        "appeal_step",
        frozenset(allowed),
        method="post",
        objects=_step(step),
        data=data,
        denied=denied,
    )


ROUTES = [
    Route("appeal_list", APPEAL_READERS),
    Route(
        "appeal_inbox", frozenset(SHOUYANG_STAFF - {"leader", "county_admin"}) | {"other_officer"}
    ),
    Route("appeal_create", DESK | ENTERPRISE),
    Route("appeal_create", DESK | ENTERPRISE, method="post", data={"title": "", "content": ""}),
    Route("appeal_export", READERS),
    Route(
        "appeal_detail",
        (APPEAL_READERS - OTHER_COUNTY) - UNASSIGNED,
        objects=_appeals,
        denied=HIDDEN,
    ),
    _step_route("acknowledge", frozenset({"officer"})),
    _step_route("dispatch", DESK, data=lambda p: {"lead": p.transport.department_id}),
    _step_route("escalate", frozenset({"leader"}), data={"note": "请加快"}),
    _step_route("return", frozenset({"officer"}), data={"note": "非本部门职责"}),
    _step_route("publish", DESK, data={"is_public": "on"}),
    _step_route("extend", frozenset({"officer"}), data={"deadline_days": "3", "note": "材料未齐"}),
    Route(
        "appeal_attachment",
        (APPEAL_READERS - OTHER_COUNTY) - UNASSIGNED,
        objects=_attachment,
        denied=HIDDEN,
    ),
    # The marking link: no login; a valid token opens it for anyone (anonymous included, see
    # test_marking_link.py, with 404 for an unknown token and 410 for a used or expired one).
    Route("appeal_mark_link", EVERYONE, public=True, objects=_marking_link),
    Route("paper_list", READERS),
    Route("paper_issue", DESK, method="post", data={"month": "2024-07"}),
    Route("paper_detail", COUNTY_READERS, objects=_paper, denied=OTHER_404),
    Route("paper_docx", COUNTY_READERS, objects=_paper, denied=OTHER_404),
    Route("paper_results_xlsx", COUNTY_READERS, objects=_paper, denied=OTHER_404),
    Route("scorecards", READERS),
    Route("category_list", READERS),
    Route("category_create", DESK),
    Route("category_edit", DESK, objects=_category),
    Route("appeal_policy", DESK),
    Route("api:list_appeals", APPEAL_READERS),
    Route(
        "api:get_appeal",
        (APPEAL_READERS - OTHER_COUNTY) - UNASSIGNED,
        objects=_appeals,
        denied=HIDDEN,
    ),
    Route(
        "api:list_appeal_transitions",
        (APPEAL_READERS - OTHER_COUNTY) - UNASSIGNED,
        objects=_appeals,
        denied=HIDDEN,
    ),
    Route(
        "api:create_appeal",
        DESK | ENTERPRISE,
        method="post",
        objects=_catalogue,
        data=lambda p: {"category": category(p).pk, "title": "", "content": ""},
    ),
    Route(
        "api:create_appeal_transition",
        frozenset({"officer"}),
        method="post",
        objects=_appeals,
        data={"step": "acknowledge"},
        denied={name: 403 for name in STEP_ROLES - {"officer"}}
        | {name: 404 for name in UNASSIGNED}
        | OTHER_404,
    ),
    Route("api:get_scorecards", frozenset(SHOUYANG_STAFF | OTHER_COUNTY)),
    # Open311: public reads; a POST needs an api_key, so a session alone is refused (403).
    Route("open311_services", EVERYONE, public=True, objects=_catalogue),
    Route("open311_requests", EVERYONE, public=True, objects=_catalogue),
    Route(
        "open311_requests", frozenset(), method="post", data={"service_code": "yaosu"}, public=True
    ),
    Route("open311_request", EVERYONE, public=True, objects=_public_appeal),
    # The same endpoints in GeoReport's XML, and service discovery: public reads.
    Route("open311_discovery", EVERYONE, public=True, objects=_catalogue),
    Route("open311_discovery_xml", EVERYONE, public=True, objects=_catalogue),
    Route("open311_services_xml", EVERYONE, public=True, objects=_catalogue),
    Route("open311_requests_xml", EVERYONE, public=True, objects=_catalogue),
    Route(
        "open311_requests_xml",
        frozenset(),
        method="post",
        data={"service_code": "yaosu"},
        public=True,
    ),
    Route("open311_request_xml", EVERYONE, public=True, objects=_public_appeal),
]
