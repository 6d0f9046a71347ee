from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "rixin.projects"
    verbose_name = _("项目库")
    nav_order = 20  # rixin.discovery: place of nav.ENTRIES in the menu
    demo_module = "rixin.demo.projects"
    demo_order = 40  # load_demo runs the steps in this order

    def ready(self) -> None:
        from rixin.db import optimize_after_migrate

        # Once per migrate (sent for every app; this one suffices): the planner's statistics.
        post_migrate.connect(optimize_after_migrate, sender=self, dispatch_uid="rixin.db.optimize")
