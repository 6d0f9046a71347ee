from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "rixin.parks"
    verbose_name = _("园区")
    demo_module = "rixin.demo.parks"
    demo_order = 30  # load_demo runs the steps in this order
