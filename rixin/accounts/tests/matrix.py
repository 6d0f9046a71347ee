from rixin.accounts.actions import create_api_token
from rixin.accounts.roles import Role
from rixin.urlmatrix import EVERYONE, Route


def _token(p):
    token, _key = create_api_token(p.officer, "matrix", acting_user=p.officer)
    return {"pk": token.pk}, None


def _user(p):
    return {"pk": p.leader.pk}, None


def _auditor(p):
    return {"pk": p.auditor.pk}, None


def _fresh_account(p):
    from rixin.accounts.actions import create_user
    from rixin.testing import division

    user, _password = create_user(
        acting_user=p.sysadmin, username="fresh", display_name="fresh", division=division("140725")
    )
    return {"pk": user.pk}, None


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
    Route("administrator_grant", frozenset({"secadmin"}), objects=_fresh_account),
    Route("administrator_withdraw", frozenset({"secadmin"}), objects=_auditor),
    Route(
        "administrator_reset_password",
        frozenset({"secadmin"}),
        method="post",
        objects=_auditor,
    ),
    Route("security_policy", frozenset({"secadmin"})),
]
