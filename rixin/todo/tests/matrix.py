"""The to-do page (see rixin/urlmatrix.py): every officer and the enterprise user; leaders,
the county administrator, viewers and the administrators have no work items (403)."""

from rixin.urlmatrix import OFFICERS, Route

ROUTES = [Route("todo:index", OFFICERS | {"other_officer", "enterprise_user"})]
