"""Writes to the directory: departments, enterprises, universities."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update

from . import access
from .models import Department, Enterprise, University, normalize_credit_code


def create_enterprise(*, acting_user, county, **fields) -> Enterprise:
    access.check_write_enterprise(acting_user, county.code)
    code = normalize_credit_code(fields.get("credit_code"))
    fields["credit_code"] = code
    if code and Enterprise.objects.filter(credit_code=code).exists():
        raise ValidationError(
            {"credit_code": _("统一社会信用代码 %(code)s 已登记。") % {"code": code}}
        )
    return audited_create(Enterprise, acting_user=acting_user, county=county, **fields)


def update_enterprise(
    enterprise: Enterprise, changes: dict, *, acting_user, expected_version=None
) -> Enterprise:
    access.check_write_enterprise(acting_user, enterprise.county_id)
    if "county" in changes and changes["county"].code != enterprise.county_id:
        raise ValidationError({"county": _("不能把企业改到另一个县。")})
    code = changes.get("credit_code")
    if code:
        changes["credit_code"] = code = normalize_credit_code(code)
        if Enterprise.objects.filter(credit_code=code).exclude(pk=enterprise.pk).exists():
            raise ValidationError(
                {"credit_code": _("统一社会信用代码 %(code)s 已登记。") % {"code": code}}
            )
    return audited_update(
        enterprise, changes, acting_user=acting_user, expected_version=expected_version
    )


def create_department(*, acting_user, county, **fields) -> Department:
    access.check_create_department(acting_user, county.code)
    return audited_create(Department, acting_user=acting_user, county=county, **fields)


def update_department(
    department: Department, changes: dict, *, acting_user, expected_version=None
) -> Department:
    access.check_update_department(acting_user, department.county_id)
    return audited_update(
        department, changes, acting_user=acting_user, expected_version=expected_version
    )


def create_university(*, acting_user, **fields) -> University:
    access.check_keep_universities(acting_user)
    return audited_create(University, acting_user=acting_user, **fields)


def update_university(university: University, changes: dict, *, acting_user) -> University:
    access.check_keep_universities(acting_user)
    return audited_update(university, changes, acting_user=acting_user)
