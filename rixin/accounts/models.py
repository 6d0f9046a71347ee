"""Users, API tokens and the security policy."""

from __future__ import annotations

import hashlib
import secrets
from contextvars import ContextVar

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .roles import (
    COUNTY_STAFF,
    READS_COUNTY_DATA,
    SCOPE_LEVEL,
    THREE_ADMINISTRATORS,
    WRITES_COUNTY_DATA,
    Role,
)


class User(AbstractUser):
    """A person's account. Its scope is a division: a county, a city or a province."""

    display_name = models.CharField(_("显示名称"), max_length=60, blank=True)
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, blank=True, default="")
    division = models.ForeignKey(
        "regions.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("所属区划"),
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("所属部门"),
    )
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("所属企业"),
    )
    # 三员 separation is kept over the account's whole life, not only its current role: an
    # account that held an administrator role never takes another one (not even after an
    # empty role in between), and one that ever held any role never becomes an administrator.
    administrator_role = models.CharField(
        _("三员角色"), max_length=20, choices=Role.choices, blank=True, default=""
    )
    has_held_role = models.BooleanField(_("曾被授予角色"), default=False)
    must_change_password = models.BooleanField(_("首次登录须修改密码"), default=False)
    language = models.CharField(
        _("界面语言"),
        max_length=10,
        choices=[("zh-hans", "简体中文"), ("en", "English")],
        default="zh-hans",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        errors = {}
        wanted = SCOPE_LEVEL.get(self.role)
        if wanted and (self.division is None or self.division.level != wanted):
            errors["division"] = _("该角色的所属区划必须是%(level)s区划。") % {
                "level": {"county": _("县级"), "city": _("地级"), "province": _("省级")}[wanted]
            }
        if self.role == Role.ENTERPRISE and self.enterprise_id is None:
            errors["enterprise"] = _("企业用户必须关联一家企业。")
        if self.role == Role.OFFICER and self.department_id is None:
            errors["department"] = _("部门工作人员必须关联一个部门。")
        if (
            self.department_id
            and self.division_id
            and self.department.county_id != self.division_id
        ):
            errors["department"] = _("部门不属于该用户的所属区划。")
        if (
            self.enterprise_id
            and self.division_id
            and self.enterprise.county_id != self.division_id
        ):
            errors["enterprise"] = _("企业不属于该用户的所属区划。")
        if errors:
            raise ValidationError(errors)

    # What the role allows, in one place.
    @property
    def is_county_staff(self) -> bool:
        return self.role in COUNTY_STAFF

    @property
    def is_system_actor(self) -> bool:
        """The account commands, the demo loader and the worker act as (never a person)."""
        return self.role == Role.SYSTEM

    @property
    def reads_county_data(self) -> bool:
        if self.is_system_actor:
            return True
        return self.role in READS_COUNTY_DATA and self.division_id is not None

    @property
    def writes_county_data(self) -> bool:
        if self.is_system_actor:
            return True
        return self.role in WRITES_COUNTY_DATA and self.division_id is not None

    @property
    def is_enterprise_user(self) -> bool:
        return self.role == Role.ENTERPRISE

    @property
    def is_administrator(self) -> bool:
        return self.role in THREE_ADMINISTRATORS

    @property
    def is_administrator_account(self) -> bool:
        """Holds or ever held one of the three administrator roles."""
        return self.is_administrator or bool(self.administrator_role)

    @property
    def department_kind(self) -> str:
        return self.department.kind if self.department_id else ""

    @cached_property
    def _county_codes(self) -> list[str]:
        if self.is_system_actor:
            from rixin.regions.models import Division

            return list(Division.objects.counties().values_list("code", flat=True))
        return self.division.county_codes() if self.division_id else []

    def visible_county_codes(self) -> list[str]:
        return self._county_codes

    def can_see_county(self, code: str) -> bool:
        if self.is_system_actor:
            return True
        return self.reads_county_data and code in self._county_codes

    @property
    def county_code(self) -> str | None:
        """The county of a county-scoped account; None for city and province accounts."""
        return self.division_id if self.division_id and self.division.level == "county" else None


class ApiToken(models.Model):
    """A per-user key for integrations. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("用户")
    )
    name = models.CharField(_("用途"), max_length=80)
    prefix = models.CharField(_("前缀"), max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(_("创建时间"), default=timezone.now)
    last_used = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked = models.BooleanField(_("已吊销"), default=False)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return "rx_" + secrets.token_urlsafe(32)


class SecurityPolicy(models.Model):
    """The security administrator's policy: one row."""

    failure_limit = models.PositiveSmallIntegerField(_("连续登录失败上限(次)"), default=5)
    lockout_minutes = models.PositiveSmallIntegerField(_("锁定时长(分钟)"), default=30)
    idle_minutes = models.PositiveSmallIntegerField(_("空闲自动退出(分钟)"), default=30)
    updated = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("安全策略")
        verbose_name_plural = _("安全策略")

    def __str__(self) -> str:
        return str(_("安全策略"))

    def clean(self) -> None:
        if not 3 <= self.failure_limit <= 10:
            raise ValidationError({"failure_limit": _("应在3到10次之间。")})
        if not 10 <= self.lockout_minutes <= 1440:
            raise ValidationError({"lockout_minutes": _("应在10到1440分钟之间。")})
        if not 5 <= self.idle_minutes <= 120:
            raise ValidationError({"idle_minutes": _("应在5到120分钟之间。")})

    @classmethod
    def current(cls, *, fresh: bool = False) -> SecurityPolicy:
        """The policy in force: read once per request (the middleware, the login view and the
        lockout rules all ask), so a change applies from the next request on. Outside a
        request, and with ``fresh`` (the action that edits it), it is read every time."""
        cache = _request_policy.get()
        if fresh or cache is None:
            return cls._read()
        if "policy" not in cache:
            cache["policy"] = cls._read()
        return cache["policy"]

    @classmethod
    def _read(cls) -> SecurityPolicy:
        from django.conf import settings

        policy = cls.objects.order_by("pk").first()
        return policy or cls(
            failure_limit=settings.RIXIN_DEFAULT_FAILURE_LIMIT,
            lockout_minutes=settings.RIXIN_DEFAULT_LOCKOUT_MINUTES,
            idle_minutes=settings.RIXIN_DEFAULT_IDLE_MINUTES,
        )


# The security policy read in the current request (None outside a request).
_request_policy: ContextVar[dict | None] = ContextVar("rixin_security_policy", default=None)


@receiver(request_started)
def _start_policy_cache(**kwargs) -> None:
    _request_policy.set({})


@receiver(request_finished)
def _end_policy_cache(**kwargs) -> None:
    _request_policy.set(None)


@receiver(post_save, sender=SecurityPolicy)
def _forget_policy(**kwargs) -> None:
    cache = _request_policy.get()
    if cache is not None:
        cache.clear()
