from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "rixin.appeals"
    verbose_name = _("营商环境")
    nav_order = 50  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.appeals"
    demo_order = 70  # load_demo runs the steps in this order
    url_prefixes = {"open311/v2/": "rixin.appeals.open311"}
