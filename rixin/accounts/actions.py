"""Every change to an account goes through these functions."""

from __future__ import annotations

import secrets
import string
from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_update, record_event, snapshot
from rixin.audit.models import AuditAction

from . import backup
from .access import SYSTEM_USERNAME, is_system, require_actor
from .models import ApiToken, SecurityPolicy, User
from .roles import THREE_ADMINISTRATORS, Role

LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)


def _require(acting_user, role: str) -> None:
    """``acting_user`` holds ``role``, or is the system actor (commands, the demo loader)."""
    require_actor(acting_user)
    if not (is_system(acting_user) or acting_user.role == role):
        raise PermissionDenied


def temporary_password() -> str:
    alphabet = string.ascii_letters + string.digits
    body = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"Rx{body}#{secrets.randbelow(10)}"


@transaction.atomic
def create_user(
    *,
    acting_user,
    username: str,
    display_name: str,
    division,
    department=None,
    enterprise=None,
    password: str | None = None,
    role: str = "",
    must_change_password: bool = True,
) -> tuple[User, str]:
    """The system administrator creates an account without a role (the security
    administrator grants it). The system actor (``create_account``, the demo loader) creates
    accounts with their role."""
    _require(acting_user, Role.SYSTEM_ADMIN)
    if role and not is_system(acting_user):
        raise PermissionDenied(_("系统管理员不能授予角色。"))
    if role == Role.SYSTEM or username == SYSTEM_USERNAME:
        raise ValidationError({"username": _("该用户名为系统保留。")})
    password = password or temporary_password()
    user = User(
        username=username,
        display_name=display_name,
        division=division,
        department=department,
        enterprise=enterprise,
        role=role,
        has_held_role=bool(role),
        administrator_role=role if role in THREE_ADMINISTRATORS else "",
        must_change_password=must_change_password,
    )
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    after = {k: v for k, v in snapshot(user).items() if k != "password"}
    record_event(
        AuditAction.CREATE,
        acting_user=acting_user,
        obj=user,
        after=after,
        county=user.county_code or "",
    )
    return user, password


def _manages_account(acting_user, user: User) -> None:
    """Who manages an account (edits it, resets its password): the system administrator an
    ordinary person's; the security administrator the three administrators' (never its own
    through this path). The system actor is no person's account: nobody manages it."""
    require_actor(acting_user)
    _a_person(user)
    if is_system(acting_user):
        return
    if user.is_administrator_account:
        if acting_user.role != Role.SECURITY_ADMIN or acting_user.pk == user.pk:
            raise PermissionDenied(_("三员账户只由安全管理员管理。"))
    elif acting_user.role != Role.SYSTEM_ADMIN:
        raise PermissionDenied


@transaction.atomic
def update_user(user: User, changes: dict, *, acting_user, expected_version=None) -> User:
    _manages_account(acting_user, user)
    if {"role", "administrator_role", "has_held_role"} & set(changes):
        raise PermissionDenied(_("系统管理员不能授予角色。"))
    return audited_update(user, changes, acting_user=acting_user)


@transaction.atomic
def assign_role(user: User, role: str, *, acting_user, confirm: str = "") -> User:
    """An ordinary role (or none). The three administrator roles are granted only through
    ``grant_administrator_role``, a separate confirmed action; taking one away (withdrawing
    the duty) is confirmed too, by typing the account's username in ``confirm``."""
    _require(acting_user, Role.SECURITY_ADMIN)
    _a_person(user)
    if user.pk == acting_user.pk:
        raise PermissionDenied(_("不能修改自己的角色。"))
    if role not in Role.values or role == Role.SYSTEM:
        raise ValidationError({"role": _("未知角色。")})
    held = user.administrator_role or (user.role if user.is_administrator else "")
    if held and role and role != held:
        # One account never moves out of its administrator duty, not even through an empty
        # role (withdrawing the duty is allowed; another one never): separation of duties.
        raise ValidationError({"role": _("三员账户不能改任其他角色,请为新职责另建账户。")})
    if role in THREE_ADMINISTRATORS and role != user.role:
        raise ValidationError({"role": _("三员角色须单独授予并确认。")})
    if user.role in THREE_ADMINISTRATORS and role != user.role and confirm != user.username:
        raise ValidationError({"confirm": _("撤销三员角色须输入该账户的用户名以确认。")})
    user = audited_update(
        user, {"role": role}, acting_user=acting_user, action=AuditAction.SECURITY
    )
    if role and not user.has_held_role:
        # The memory of a grant, which the audit record of the grant already tells.
        User.objects.filter(pk=user.pk).update(has_held_role=True)
        user.has_held_role = True
    return user


@transaction.atomic
def grant_administrator_role(user: User, role: str, *, acting_user, confirm: str) -> User:
    """The security administrator makes a fresh account (one that never held a role) one of
    the three administrators, confirming by typing its username. Recorded in the audit log."""
    _require(acting_user, Role.SECURITY_ADMIN)
    _a_person(user)
    if user.pk == acting_user.pk:
        raise PermissionDenied(_("不能修改自己的角色。"))
    if role not in THREE_ADMINISTRATORS:
        raise ValidationError({"role": _("只能授予三员角色之一。")})
    if user.has_held_role or user.role or user.administrator_role:
        raise ValidationError(
            {"role": _("三员角色只能授予从未被授予过角色的新账户,请为该职责另建账户。")}
        )
    if confirm != user.username:
        raise ValidationError({"confirm": _("请输入该账户的用户名以确认授予。")})
    user = audited_update(
        user,
        {"role": role, "administrator_role": role, "has_held_role": True},
        acting_user=acting_user,
        action=AuditAction.SECURITY,
        message="administrator role granted",
    )
    return user


def make_backup(*, acting_user, message: str = "") -> Path:
    """A backup of the database, recorded in the audit log."""
    _require(acting_user, Role.SYSTEM_ADMIN)
    path = backup.make_backup()
    record_event(
        AuditAction.CREATE,
        acting_user=acting_user,
        object_type="backup",
        object_repr=path.name,
        message=message,
    )
    return path


def _a_person(user: User) -> None:
    """The system actor is no person's account: nobody edits it, resets it or grants it a role."""
    if is_system(user):
        raise PermissionDenied


@transaction.atomic
def reset_password(user: User, *, acting_user) -> str:
    _manages_account(acting_user, user)
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    revoked = _revoke_all_tokens(user)
    record_event(
        AuditAction.SECURITY,
        acting_user=acting_user,
        obj=user,
        message=f"password reset; {revoked} api token(s) revoked",
    )
    return password


def _revoke_all_tokens(user: User) -> int:
    """A new password ends the API tokens made under the old one (a reset or a change means
    the old one may be known to someone else)."""
    return ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)


@transaction.atomic
def change_own_password(user: User, new_password: str) -> None:
    validate_password(new_password, user)
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    revoked = _revoke_all_tokens(user)
    record_event(
        AuditAction.SECURITY,
        acting_user=user,
        obj=user,
        message=f"password changed; {revoked} api token(s) revoked",
    )


@transaction.atomic
def set_language(user: User, language: str, *, acting_user) -> None:
    """A user chooses the interface language: their own account only."""
    require_actor(acting_user)
    if acting_user.pk != user.pk:
        raise PermissionDenied
    if language not in LANGUAGES:
        raise ValidationError({"language": _("不支持的语言。")})
    if user.language == language:
        return
    before = user.language
    # One column: a save() of the whole row could undo a concurrent change of another field.
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    record_event(
        AuditAction.UPDATE,
        acting_user=acting_user,
        obj=user,
        before={"language": before},
        after={"language": language},
        county=user.county_code or "",
    )


@transaction.atomic
def update_security_policy(changes: dict, *, acting_user) -> SecurityPolicy:
    _require(acting_user, Role.SECURITY_ADMIN)
    policy = SecurityPolicy.current(fresh=True)
    if policy.pk is None:
        policy.full_clean()
        policy.save()
    return audited_update(policy, changes, acting_user=acting_user, action=AuditAction.SECURITY)


@transaction.atomic
def create_api_token(user: User, name: str, *, acting_user) -> tuple[ApiToken, str]:
    require_actor(acting_user)
    if acting_user.pk != user.pk:
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": _("请填写令牌用途。")})
    key = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:80], prefix=key[3:11], key_hash=ApiToken.hash_key(key)
    )
    record_event(
        AuditAction.SECURITY, acting_user=acting_user, obj=token, message="api token created"
    )
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, acting_user) -> None:
    require_actor(acting_user)
    if acting_user.pk != token.user_id:
        raise PermissionDenied
    token.revoked = True
    token.save(update_fields=["revoked"])
    record_event(
        AuditAction.SECURITY, acting_user=acting_user, obj=token, message="api token revoked"
    )
