from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "rixin.directory"
    verbose_name = _("名录")
    nav_order = 80  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.directory"
    demo_order = 10  # load_demo runs the steps in this order
