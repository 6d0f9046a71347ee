from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "rixin.reports"
    verbose_name = _("报告")
    nav_order = 70  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.reports.demo"
    demo_order = 80  # Shouyang's 公文 frame, after the Shouyang data steps
