from rixin.urlmatrix import OTHER_COUNTY, READERS, WRITERS, Route


def _enterprise(p):
    return {"pk": p.enterprise.pk}, {"pk": p.other_enterprise.pk}


def _department(p):
    return {"pk": p.officer.department_id}, {"pk": p.other_officer.department_id}


def _university(p):
    from rixin.accounts.access import system_actor
    from rixin.directory.actions import create_university

    return {"pk": create_university(acting_user=system_actor(), name="太原理工大学").pk}, None


ENTERPRISE_READERS = READERS | {"enterprise_user"}
# Another county's staff may use the page, but Shouyang's object answers them 404.
OWN_COUNTY_READERS = ENTERPRISE_READERS - OTHER_COUNTY
OTHER_404 = {"other_officer": 404, "other_leader": 404}

ROUTES = [
    Route("enterprise_list", READERS),
    Route("enterprise_export", READERS),
    Route("enterprise_template", WRITERS),
    Route("enterprise_create", WRITERS),
    Route("enterprise_detail", OWN_COUNTY_READERS, objects=_enterprise, denied=OTHER_404),
    Route(
        "enterprise_edit",
        WRITERS - {"other_officer"},
        objects=_enterprise,
        denied={"other_officer": 404},
    ),
    Route("department_list", READERS),
    Route("department_create", frozenset({"county_admin"})),
    Route("department_detail", READERS - OTHER_COUNTY, objects=_department, denied=OTHER_404),
    Route("department_edit", frozenset({"county_admin"}), objects=_department),
    Route("university_list", READERS),
    Route("university_create", frozenset({"county_admin"})),
    Route("university_edit", frozenset({"county_admin"}), objects=_university),
    Route("api:list_enterprises", READERS | {"enterprise_user"}),
    Route(
        "api:create_enterprise",
        WRITERS,
        method="post",
        # The schema's form, a wrong check digit: a permitted write is refused by the action.
        data={"name": "甲", "credit_code": "911407251234567890", "industry": "C22"},
    ),
    Route("api:get_enterprise", OWN_COUNTY_READERS, objects=_enterprise, denied=OTHER_404),
    Route(
        "api:update_enterprise",
        WRITERS - {"other_officer"},
        method="patch",
        objects=_enterprise,
        data={"version": 1},
        denied={"other_officer": 404},
    ),
    Route("api:list_departments", READERS),
    Route("api:list_universities", READERS),
]
