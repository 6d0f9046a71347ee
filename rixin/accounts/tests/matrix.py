from rixin.accounts.actions import create_api_token
from rixin.accounts.roles import Role
from rixin.urlmatrix import EVERYONE, Route


def _token(p):
    token, _key = create_api_token(p.officer, "matrix", acting_user=p.officer)
    return {"pk": token.pk}, None


def _user(p):
    return {"pk": p.leader.pk}, None


ROUTES = [
    Route("login", EVERYONE, public=True),
    Route("logout", EVERYONE, method="post", public=True),
    Route("password_change", EVERYONE),
    Route("profile", EVERYONE),
    Route("language", EVERYONE, method="post", data={"language": "en"}),
    Route("token_create", EVERYONE, method="post", data={"name": "integration"}),
    Route(
        "token_revoke",
        frozenset({"officer"}),
        method="post",
        objects=_token,
        denied={name: 404 for name in EVERYONE - {"officer"}},
    ),
    Route("user_list", frozenset({"sysadmin"})),
    Route("user_create", frozenset({"sysadmin"})),
    Route("user_edit", frozenset({"sysadmin"}), objects=_user),
    Route("user_reset_password", frozenset({"sysadmin"}), method="post", objects=_user),
    Route("backups", frozenset({"sysadmin"})),
    Route("role_list", frozenset({"secadmin"})),
    Route(
        "role_assign",
        frozenset({"secadmin"}),
        method="post",
        objects=_user,
        data={"role": Role.LEADER},
    ),
    Route("security_policy", frozenset({"secadmin"})),
]
