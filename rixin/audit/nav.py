from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import is_audit_admin
from rixin.navigation import NavEntry

ENTRIES = [NavEntry(_("审计日志"), "audit_list", is_audit_admin, _("审计管理"))]
