from rixin.testing import SHOUYANG, YUCI
from rixin.urlmatrix import READERS, Route

from . import factories

FUND_READERS = READERS | {"enterprise_user"}
# No finance-bureau persona exists: among the personas only the county administrator enters funds.
FUND_WRITERS = frozenset({"county_admin"})
OTHER_404 = {"other_officer": 404, "other_leader": 404}


def _programme(p):
    return {"pk": factories.programme(SHOUYANG).pk}, {"pk": factories.programme(YUCI).pk}


def _programme_of_enterprise(p):
    own = factories.allocation(p.enterprise).programme
    other = factories.allocation(p.other_enterprise).programme
    return {"pk": own.pk}, {"pk": other.pk}


def _allocation(p):
    return {"pk": factories.allocation(p.enterprise).pk}, {
        "pk": factories.allocation(p.other_enterprise).pk
    }


def _prepare(p):
    """Rows the API writes refer to, made before the test counts writes."""
    p.funds_programme = factories.programme(SHOUYANG, name="优势产业提能行动")
    p.funds_allocation = factories.allocation(p.enterprise, number="寿财〔2024〕99号")
    return {}, None


def _allocation_data(p):
    return {"programme": p.funds_programme.pk, "amount": "1", "document_number": "寿财〔2024〕7号"}


def _disbursement_data(p):
    return {
        "allocation": p.funds_allocation.pk,
        "paid_on": "2024-05-01",
        "amount": "1",
        "voucher": "SY-2024-1",
    }


def _enterprise(p):
    return {"pk": p.enterprise.pk}, {"pk": p.other_enterprise.pk}


ROUTES = [
    Route("funds:programme_list", FUND_READERS),
    Route("funds:programme_create", FUND_WRITERS),
    Route(
        "funds:programme_detail",
        FUND_READERS - {"other_officer", "other_leader"},
        objects=_programme_of_enterprise,
        denied=OTHER_404,
    ),
    Route("funds:allocation_create", FUND_WRITERS, objects=_programme),
    Route("funds:disbursement_create", FUND_WRITERS, objects=_allocation),
    Route(
        "funds:enterprise_history",
        FUND_READERS - {"other_officer", "other_leader"},
        objects=_enterprise,
        denied=OTHER_404,
    ),
    Route("api:funds_list_programmes", FUND_READERS),
    Route(
        "api:funds_get_programme",
        FUND_READERS - {"other_officer", "other_leader"},
        objects=_programme_of_enterprise,
        denied=OTHER_404,
    ),
    Route("api:funds_list_allocations", FUND_READERS),
    Route(
        "api:funds_create_allocation",
        FUND_WRITERS,
        method="post",
        objects=_prepare,
        data=_allocation_data,
    ),
    Route(
        "api:funds_create_disbursement",
        FUND_WRITERS,
        method="post",
        objects=_prepare,
        data=_disbursement_data,
    ),
    Route(
        "api:funds_enterprise_figures",
        FUND_READERS - {"other_officer", "other_leader"},
        objects=_enterprise,
        denied=OTHER_404,
    ),
]
