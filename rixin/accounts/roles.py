"""Roles. An account holds exactly one, so no account can hold two of the three administrators."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NONE = "", _("未分配角色")
    OFFICER = "officer", _("部门工作人员")
    LEADER = "leader", _("县领导")
    COUNTY_ADMIN = "county_admin", _("县级业务管理员")
    ENTERPRISE = "enterprise", _("企业用户")
    CITY_VIEWER = "city_viewer", _("市级查看")
    CITY_STATISTICIAN = "city_statistician", _("市统计人员")
    PROVINCE_VIEWER = "province_viewer", _("省级查看")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")
    # Not a person: the actor of commands, the demo loader and the background worker. It has
    # one account of its own (``rixin.accounts.access.system_actor()``), cannot log in, and is
    # recorded in the audit log as itself.
    SYSTEM = "system", _("系统任务")


COUNTY_STAFF = frozenset({Role.OFFICER, Role.LEADER, Role.COUNTY_ADMIN})
READS_COUNTY_DATA = COUNTY_STAFF | {Role.CITY_VIEWER, Role.CITY_STATISTICIAN, Role.PROVINCE_VIEWER}
WRITES_COUNTY_DATA = frozenset({Role.OFFICER, Role.COUNTY_ADMIN})
THREE_ADMINISTRATORS = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})

# The division level each role's scope must have.
SCOPE_LEVEL = {
    Role.OFFICER: "county",
    Role.LEADER: "county",
    Role.COUNTY_ADMIN: "county",
    Role.ENTERPRISE: "county",
    Role.CITY_VIEWER: "city",
    Role.CITY_STATISTICIAN: "city",
    Role.PROVINCE_VIEWER: "province",
}
