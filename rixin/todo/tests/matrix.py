"""The to-do page (see rixin/urlmatrix.py): every officer and the enterprise user; leaders,
the county administrator, viewers and the administrators have no work items (403). The
bulk review is the 发改局's."""

from rixin.urlmatrix import OFFICERS, Route

ROUTES = [
    Route("todo:index", OFFICERS | {"other_officer", "enterprise_user"}),
    # 批量通过 / 退回: the 发改局 officers (each report is checked by the review action).
    Route(
        "todo:review",
        frozenset({"officer", "other_officer"}),
        method="post",
        data={"decision": "approve"},
    ),
]
