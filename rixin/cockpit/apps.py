from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "rixin.cockpit"
    verbose_name = _("驾驶舱")
    nav_order = 10  # rixin.discovery: place of nav.ENTRIES in the menu
