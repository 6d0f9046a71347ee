from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "rixin.regions"
    verbose_name = _("行政区划")
    nav_order = 107  # rixin.discovery: place of nav.ENTRIES in the menu (after the calendar)
