"""Writes to the directory: departments, enterprises, universities."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update

from .models import Department, Enterprise, University


def _check_county_writer(acting_user, county_code: str) -> None:
    # acting_user None is the set-up path (the demo loader and commands).
    if acting_user is not None and not (
        acting_user.writes_county_data and acting_user.county_code == county_code
    ):
        raise PermissionDenied(_("无权修改该县的数据。"))


def create_enterprise(*, acting_user, county, **fields) -> Enterprise:
    _check_county_writer(acting_user, county.code)
    code = (fields.get("credit_code") or "").strip().upper()
    fields["credit_code"] = code
    if code and Enterprise.objects.filter(credit_code=code).exists():
        raise ValidationError(
            {"credit_code": _("统一社会信用代码 %(code)s 已登记。") % {"code": code}}
        )
    return audited_create(Enterprise, acting_user=acting_user, county=county, **fields)


def update_enterprise(
    enterprise: Enterprise, changes: dict, *, acting_user, expected_version=None
) -> Enterprise:
    _check_county_writer(acting_user, enterprise.county_id)
    if "county" in changes and changes["county"].code != enterprise.county_id:
        raise ValidationError({"county": _("不能把企业改到另一个县。")})
    code = changes.get("credit_code")
    if code:
        changes["credit_code"] = code = code.strip().upper()
        if Enterprise.objects.filter(credit_code=code).exclude(pk=enterprise.pk).exists():
            raise ValidationError(
                {"credit_code": _("统一社会信用代码 %(code)s 已登记。") % {"code": code}}
            )
    return audited_update(
        enterprise, changes, acting_user=acting_user, expected_version=expected_version
    )


def create_department(*, acting_user, county, **fields) -> Department:
    if acting_user is not None and not (
        acting_user.role == "county_admin" and acting_user.county_code == county.code
    ):
        raise PermissionDenied(_("只有县级业务管理员可以新增部门。"))
    return audited_create(Department, acting_user=acting_user, county=county, **fields)


def update_department(
    department: Department, changes: dict, *, acting_user, expected_version=None
) -> Department:
    if acting_user is not None and not (
        acting_user.role == "county_admin" and acting_user.county_code == department.county_id
    ):
        raise PermissionDenied(_("只有县级业务管理员可以修改部门。"))
    return audited_update(
        department, changes, acting_user=acting_user, expected_version=expected_version
    )


def _check_university_editor(acting_user) -> None:
    if acting_user is not None and acting_user.role != "county_admin":
        raise PermissionDenied(_("只有县级业务管理员可以维护高校名录。"))


def create_university(*, acting_user, **fields) -> University:
    _check_university_editor(acting_user)
    return audited_create(University, acting_user=acting_user, **fields)


def update_university(university: University, changes: dict, *, acting_user) -> University:
    _check_university_editor(acting_user)
    return audited_update(university, changes, acting_user=acting_user)
