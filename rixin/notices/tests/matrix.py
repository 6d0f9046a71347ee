"""Every notices URL against every persona (see rixin/urlmatrix.py). Each person reads only
their own notices, so no route takes an object: reading someone else's notice is tested in
test_inbox.py."""

from rixin.urlmatrix import EVERYONE, Route

ROUTES = [
    Route("notices:inbox", EVERYONE),
    Route("notices:read", EVERYONE, method="post", data={"all": "1"}),
    Route("notices:preferences", EVERYONE),
    Route("notices:preferences", EVERYONE, method="post", data={"email_enabled": "on"}),
    Route("notices:channels", frozenset({"county_admin"})),
    Route(
        "notices:channels", frozenset({"county_admin"}), method="post", data={"email_enabled": "on"}
    ),
]
