from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "rixin.reports"
    verbose_name = _("报告")
    nav_order = 70  # rixin.discovery: place of nav.ENTRIES in the menu
