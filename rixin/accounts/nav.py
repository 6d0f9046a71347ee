from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import is_security_admin, is_system_admin
from rixin.navigation import NavEntry

ENTRIES = [
    NavEntry(_("用户管理"), "user_list", is_system_admin, _("系统管理")),
    NavEntry(_("数据备份"), "backups", is_system_admin, _("系统管理")),
    NavEntry(_("角色授权"), "role_list", is_security_admin, _("安全管理")),
    NavEntry(_("安全策略"), "security_policy", is_security_admin, _("安全管理")),
]
