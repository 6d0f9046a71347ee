from rixin.urlmatrix import Route

ROUTES = [
    Route("audit_list", frozenset({"auditor"})),
    Route("audit_export", frozenset({"auditor"})),
]
