from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "rixin.demo"
    verbose_name = _("演示数据")
    demo_module = "rixin.demo.city"
    demo_order = 90  # the other Jinzhong counties, after every Shouyang step
