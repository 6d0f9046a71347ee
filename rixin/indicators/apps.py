from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "rixin.indicators"
    verbose_name = _("经济运行")
    nav_order = 40  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.indicators"
    demo_order = 60  # load_demo runs the steps in this order
