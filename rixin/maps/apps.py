from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "rixin.maps"
    verbose_name = _("项目一张图")
    nav_order = 22  # rixin.discovery: right after the project library in the menu
