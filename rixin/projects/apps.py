from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "rixin.projects"
    verbose_name = _("项目库")
    nav_order = 20  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.projects"
    demo_order = 40  # load_demo runs the steps in this order
