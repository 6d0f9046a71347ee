"""The search page (see rixin/urlmatrix.py): whoever reads projects, enterprises, leads or
appeals; the three administrators read none of them (403)."""

from rixin.urlmatrix import ADMINS, EVERYONE, Route

ROUTES = [Route("search:index", EVERYONE - ADMINS, query="q=寿阳")]
