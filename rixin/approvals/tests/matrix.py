"""Every approvals URL against every persona (see rixin/urlmatrix.py).

The Shouyang object is a case of the personas' enterprise; its 企业投资项目备案 item is decided
by the 发改局 (``officer``), and in the joint acceptance the 发改局 signs for 规划条件核实 (the
matrix moves that item to it). The desk is the 营商环境局 (``yingshang``) and the county
administrator. The other county's object is the same in 榆次区."""

import datetime

from rixin.accounts.access import system_actor
from rixin.approvals import actions
from rixin.approvals.models import CatalogueItem, SignOff, Stage
from rixin.testing import SHOUYANG, YUCI, upload
from rixin.urlmatrix import OFFICERS, OTHER_COUNTY, READERS, Route

from .factories import case, catalogue, item

DESK = frozenset({"yingshang", "county_admin"})
APPLICANT = frozenset({"enterprise_user"})
CASE_READERS = (READERS - OTHER_COUNTY) | APPLICANT
OTHER_404 = {"other_officer": 404, "other_leader": 404}


def png_bytes() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _cases(personas):
    return {"pk": case(personas).pk}, {"pk": case(personas, YUCI).pk}


def _item(code, step=None):
    def objects(personas):
        own, other = item(case(personas), code), item(case(personas, YUCI), code)
        extra = {"step": step} if step else {}
        return {"pk": own.pk, **extra}, {"pk": other.pk, **extra}

    return objects


def _signoffs(personas):
    def make(county, officer):
        catalogue(county)
        actor = system_actor()
        for stage in Stage.objects.filter(county_id=county):
            actions.update_stage(stage, {"may_overlap": True}, acting_user=actor)
        joint = CatalogueItem.objects.get(county_id=county, code="guihua-heshi")
        actions.update_catalogue_item(joint, {"department": officer.department}, acting_user=actor)
        own = case(personas, county)
        on = datetime.date(2024, 3, 4)
        for code in ("xiangmu-beian", "gongcheng-guihua", "shigongtu", "guihua-heshi"):
            entry = item(own, code)
            if entry.accepted_on is None:
                actions.accept_item(entry, acting_user=actor, on=on)
        if not hasattr(own, "joint_acceptance"):
            actions.convene_joint_acceptance(own, acting_user=actor, on=datetime.date(2024, 7, 1))
        return SignOff.objects.get(acceptance__case=own, department=officer.department).pk

    return {"pk": make(SHOUYANG, personas.officer)}, {"pk": make(YUCI, personas.other_officer)}


def _files(personas):
    def make(county, user):
        entry = item(case(personas, county), "yongdi-yushen")
        return actions.add_supplementary_file(
            entry, upload("site.png", png_bytes()), acting_user=user
        ).pk

    from rixin.testing import make_user

    other_user = make_user("yc_qiye", "enterprise", YUCI, enterprise=personas.other_enterprise)
    return {"pk": make(SHOUYANG, personas.enterprise_user)}, {"pk": make(YUCI, other_user)}


def _stages(personas):
    catalogue(SHOUYANG), catalogue(YUCI)
    return (
        {"pk": Stage.objects.get(county_id=SHOUYANG, order=1).pk},
        {"pk": Stage.objects.get(county_id=YUCI, order=1).pk},
    )


def _catalogue_items(personas):
    catalogue(SHOUYANG), catalogue(YUCI)
    return (
        {"pk": CatalogueItem.objects.get(county_id=SHOUYANG, code="xuanzhi").pk},
        {"pk": CatalogueItem.objects.get(county_id=YUCI, code="xuanzhi").pk},
    )


def _catalogue(personas):
    catalogue(SHOUYANG)
    return {}, None


ROUTES = [
    Route("approval_board", READERS | APPLICANT),
    Route("approval_case_create", DESK),
    Route("approval_case_create", DESK, method="post", data={"project_code": ""}),
    Route("approval_queue", OFFICERS | {"other_officer"}),
    Route("approval_mine", APPLICANT),
    Route("approval_case", CASE_READERS, objects=_cases, denied=OTHER_404),
    Route(
        "approval_convene",
        DESK,
        method="post",
        objects=_cases,
        data={"on": "2024-07-01"},
    ),
    Route(
        "approval_item_step",
        frozenset({"officer"}),
        method="post",
        objects=_item("xiangmu-beian", "accept"),
        data={"on": "2024-03-04"},
        denied={"other_officer": 404},
    ),
    Route(
        "approval_item_step",
        DESK | APPLICANT,
        method="post",
        objects=_item("xuanzhi", "withdraw"),
        data={"on": "2024-03-05"},
        denied={"other_officer": 404},
    ),
    Route(
        "approval_upload",
        APPLICANT,
        method="post",
        objects=_item("yongdi-yushen"),
        data={},
    ),
    Route(
        "approval_signoff",
        frozenset({"officer"}),
        method="post",
        objects=_signoffs,
        data={"on": "2024-07-10", "passed": "1"},
        denied={"other_officer": 404},
    ),
    Route("approval_file", CASE_READERS, objects=_files, denied=OTHER_404),
    Route("approval_catalogue", READERS),
    Route(
        "approval_catalogue_seed", frozenset({"county_admin"}), method="post", objects=_catalogue
    ),
    Route("approval_stage_edit", frozenset({"county_admin"}), objects=_stages),
    Route("approval_catalogue_item_create", frozenset({"county_admin"})),
    Route("approval_catalogue_item_edit", frozenset({"county_admin"}), objects=_catalogue_items),
    Route("api:list_catalogue", READERS),
    Route("api:list_cases", READERS | APPLICANT),
    Route("api:get_case", CASE_READERS, objects=_cases, denied=OTHER_404),
    Route("api:list_case_transitions", CASE_READERS, objects=_cases, denied=OTHER_404),
    Route(
        "api:create_case",
        DESK,
        method="post",
        objects=_catalogue,
        data={"project_code": "2024-140725-48-01-999999", "opened_on": "2024-03-01"},
    ),
    Route("api:list_queue", OFFICERS | {"other_officer"}),
    Route(
        "api:create_item_step",
        frozenset({"officer"}),
        method="post",
        objects=_item("xiangmu-beian"),
        data={"step": "accept", "on": "2024-03-04"},
        denied={"other_officer": 404},
    ),
]
