from rixin.testing import SHOUYANG, YUCI
from rixin.urlmatrix import READERS, Route

from . import factories

INNOVATION_READERS = READERS | {"enterprise_user"}
# No development-zone or 工信局 persona exists: among the personas only the county
# administrator enters innovation data.
INNOVATION_WRITERS = frozenset({"county_admin"})
OTHER_404 = {"other_officer": 404, "other_leader": 404}


def _patent(p):
    return {"pk": factories.patent(SHOUYANG).pk}, {"pk": factories.patent(YUCI).pk}


def _pushed_patent(p):
    return {"pk": factories.push(p.enterprise).patent_id}, {
        "pk": factories.push(p.other_enterprise).patent_id
    }


def _push(p):
    return {"pk": factories.push(p.enterprise).pk}, {"pk": factories.push(p.other_enterprise).pk}


def _case(p):
    return {"pk": factories.case(p.enterprise).pk}, {"pk": factories.case(p.other_enterprise).pk}


ROUTES = [
    Route("innovation:overview", INNOVATION_READERS),
    Route("innovation:patent_list", INNOVATION_READERS),
    Route(
        "innovation:patent_detail",
        INNOVATION_READERS - {"other_officer", "other_leader"},
        objects=_pushed_patent,
        denied=OTHER_404,
    ),
    Route("innovation:patent_push", INNOVATION_WRITERS, method="post", objects=_patent),
    Route("innovation:push_list", INNOVATION_READERS),
    Route("innovation:push_answer", frozenset({"enterprise_user"}), objects=_push),
    Route("innovation:case_move", INNOVATION_WRITERS, objects=_case),
    Route("innovation:certificate_create", INNOVATION_WRITERS),
    Route("api:innovation_list_patents", INNOVATION_READERS),
    Route("api:innovation_list_pushes", INNOVATION_READERS),
    Route(
        "api:innovation_answer_push",
        frozenset({"enterprise_user"}),
        method="post",
        objects=_push,
        data={"answer": "no_need", "note": ""},
    ),
    Route(
        "api:innovation_transfer_figures",
        READERS - {"city_viewer", "city_statistician", "province_viewer"},
        denied={},
    ),
]
