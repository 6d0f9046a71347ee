from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "rixin.investment"
    verbose_name = _("招商引资")
    nav_order = 30  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.investment"
    demo_order = 50  # load_demo runs the steps in this order
