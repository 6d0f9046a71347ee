from rixin.testing import SHOUYANG, YUCI
from rixin.urlmatrix import OTHER_COUNTY, READERS, Route

from . import factories

# The county administrator and the 发改局 / 经开区 officers; of the personas: 寿阳 and 榆次 发改局.
KEEPERS = frozenset({"officer", "county_admin", "other_officer"})
SHOUYANG_KEEPERS = KEEPERS - OTHER_COUNTY
OTHER_404 = {"other_officer": 404, "other_leader": 404}


def _county(p):
    return {"county": SHOUYANG}, {"county": YUCI}


def _park(p):
    return {"pk": factories.park(SHOUYANG).pk}, {"pk": factories.park(YUCI, "榆次园区").pk}


def _project(p):
    own = factories.project(factories.park(SHOUYANG), "园区项目甲")
    other = factories.project(factories.park(YUCI, "榆次园区"), "榆次园区项目")
    return {"pk": own.pk}, {"pk": other.pk}


def _prepare(p):
    """A project in a park with a target, made before the test counts writes."""
    park = factories.park(SHOUYANG)
    p.parks_target = factories.capacity(park)
    p.parks_project = factories.project(park, "园区项目乙")
    return {}, None


def _declaration(p):
    return {
        "project": p.parks_project.pk,
        "product": p.parks_target.pk,
        "amount": "5",
        "unit": "万吨/年",
    }


ROUTES = [
    Route("parks:park_list", READERS),
    Route("parks:park_create", KEEPERS),
    Route("parks:county_board", READERS - OTHER_COUNTY, objects=_county, denied=OTHER_404),
    Route("parks:park_detail", READERS - OTHER_COUNTY, objects=_park, denied=OTHER_404),
    Route("parks:park_edit", SHOUYANG_KEEPERS, objects=_park, denied={"other_officer": 404}),
    Route("parks:capacity_create", SHOUYANG_KEEPERS, objects=_park, denied={"other_officer": 404}),
    Route(
        "parks:project_capacity_create",
        SHOUYANG_KEEPERS,
        objects=_project,
        denied={"other_officer": 404},
    ),
    Route("api:parks_list", READERS),
    Route("api:parks_get", READERS - OTHER_COUNTY, objects=_park, denied=OTHER_404),
    Route(
        "api:parks_declare_capacity",
        SHOUYANG_KEEPERS,
        method="post",
        objects=_prepare,
        data=_declaration,
        denied={"other_officer": 404},
    ),
]
