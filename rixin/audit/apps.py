from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "rixin.audit"
    verbose_name = _("审计日志")
    nav_order = 100  # rixin.discovery: place of nav.ENTRIES in the menu
